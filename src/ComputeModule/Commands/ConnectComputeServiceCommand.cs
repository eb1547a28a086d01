using System;
using System.Management.Automation;
using System.Security;
using ComputeModule.Auth;
using ComputeModule.Errors;
using ComputeModule.Http;
using ComputeModule.Models;

namespace ComputeModule.Commands
{
    /// <summary>Connect-ComputeService: authenticates, picks the compute endpoint and makes the connection the session default.</summary>
    [Cmdlet(VerbsCommunications.Connect, "ComputeService", DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(ComputeConnection))]
    public sealed class ConnectComputeServiceCommand : AsyncCmdlet
    {
        /// <summary>Keystone password (v2.0 or v3).</summary>
        public const string PasswordSet = "Password";

        /// <summary>Rackspace-style API key (keystone v2.0 RAX-KSKEY:apiKeyCredentials).</summary>
        public const string ApiKeySet = "ApiKey";

        /// <summary>A given token and compute endpoint.</summary>
        public const string TokenSet = "Token";

        /// <summary>The OS_* variables of the openstack CLI.</summary>
        public const string EnvironmentSet = "Environment";

        /// <summary>The identity URL (…/v2.0 or …/v3; with neither, v3 is tried first).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PasswordSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ApiKeySet)]
        [ValidateNotNull]
        public Uri AuthUrl { get; set; } = null!;

        /// <summary>User name and password.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = PasswordSet)]
        [ValidateNotNull]
        [Credential]
        public PSCredential Credential { get; set; } = null!;

        /// <summary>The user name for API key authentication.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ApiKeySet)]
        [ValidateNotNullOrEmpty]
        public string UserName { get; set; } = null!;

        /// <summary>The API key.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ApiKeySet)]
        [ValidateNotNull]
        public SecureString ApiKey { get; set; } = null!;

        /// <summary>The project (tenant) to scope the token to, by name.</summary>
        [Parameter(ParameterSetName = PasswordSet)]
        [Parameter(ParameterSetName = ApiKeySet)]
        [Alias("TenantName")]
        [ValidateNotNullOrEmpty]
        public string? ProjectName { get; set; }

        /// <summary>The project (tenant) to scope the token to, by id.</summary>
        [Parameter(ParameterSetName = PasswordSet)]
        [Parameter(ParameterSetName = ApiKeySet)]
        [Alias("TenantId")]
        [ValidateNotNullOrEmpty]
        public string? ProjectId { get; set; }

        /// <summary>The user's domain (v3; default "Default").</summary>
        [Parameter(ParameterSetName = PasswordSet)]
        [ValidateNotNullOrEmpty]
        public string? UserDomainName { get; set; }

        /// <summary>The project's domain (v3; default "Default").</summary>
        [Parameter(ParameterSetName = PasswordSet)]
        [ValidateNotNullOrEmpty]
        public string? ProjectDomainName { get; set; }

        /// <summary>A token to use as it is; it cannot be renewed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
        [ValidateNotNull]
        public SecureString Token { get; set; } = null!;

        /// <summary>The compute endpoint for the token (e.g. http://host:8774/v2.1/{project_id}).</summary>
        [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
        [ValidateNotNull]
        public Uri Endpoint { get; set; } = null!;

        /// <summary>The region whose compute endpoint to use; needed when the catalog offers several.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Region { get; set; }

        /// <summary>Connects.</summary>
        protected override void ProcessRecord()
        {
            ConnectionSettings settings;
            try
            {
                settings = BuildSettings();
                settings.Validate();
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, ErrorRecords.InvalidParameter, ParameterSetName));
                return;
            }

            object target = (object?)settings.AuthUrl ?? settings.Endpoint ?? (object)ParameterSetName;
            WriteVerbose(settings.Endpoint != null && settings.Token != null
                ? $"Using the given token with {settings.Endpoint}."
                : $"Authenticating at {settings.AuthUrl} ({settings}).");
            ComputeSession session;
            try
            {
                var options = SessionOptionsFromEnvironment();
                session = Run(ct => ComputeSession.ConnectAsync(settings, options, ct));
            }
            catch (ComputeRegionNotFoundException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, ErrorRecords.RegionNotFound, (object?)settings.Region ?? target));
                return;
            }
            catch (ComputeApiException e) when (e.StatusCode.HasValue)
            {
                ThrowTerminatingError(ErrorRecords.From(e, ErrorRecords.AuthenticationFailed, target));
                return;
            }
            catch (ComputeApiException e)
            {
                // No answer at all: ServiceUnavailable / OperationTimeout say more than AuthenticationFailed.
                ThrowTerminatingError(ErrorRecords.From(e, null, target));
                return;
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, ErrorRecords.InvalidParameter, target));
                return;
            }

            var connection = new ComputeConnection(session);
            // The previous default stays usable: a script may hold it in a variable and pass it with -Connection.
            ConnectionStore.SetDefault(connection);
            WriteVerbose($"Connected to {connection.ComputeEndpoint} (region {connection.Region ?? "none"}, identity {connection.IdentityVersion}).");
            WriteObject(connection);
        }

        /// <summary>
        /// COMPUTE_MODULE_REQUEST_TIMEOUT (seconds per attempt, default 100) lets tests and slow clouds change the
        /// timeout without a parameter on every cmdlet.
        /// </summary>
        private static SessionOptions SessionOptionsFromEnvironment()
        {
            var options = new SessionOptions();
            string? timeout = Environment.GetEnvironmentVariable("COMPUTE_MODULE_REQUEST_TIMEOUT");
            if (double.TryParse(timeout, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            {
                options.RequestTimeout = TimeSpan.FromSeconds(seconds);
            }
            return options;
        }

        private ConnectionSettings BuildSettings()
        {
            ConnectionSettings settings;
            switch (ParameterSetName)
            {
                case PasswordSet:
                    settings = new ConnectionSettings
                    {
                        AuthUrl = AuthUrl,
                        UserName = Credential.UserName,
                        Password = Credential.Password,
                        ProjectName = ProjectName,
                        ProjectId = ProjectId,
                        UserDomainName = UserDomainName,
                        ProjectDomainName = ProjectDomainName,
                    };
                    // PSCredential user names may carry a domain: "Default\admin" is not a keystone convention, keep as given.
                    break;
                case ApiKeySet:
                    settings = new ConnectionSettings
                    {
                        AuthUrl = AuthUrl,
                        UserName = UserName,
                        ApiKey = ApiKey,
                        ProjectName = ProjectName,
                        ProjectId = ProjectId,
                    };
                    break;
                case TokenSet:
                    settings = new ConnectionSettings { Token = Token, Endpoint = Endpoint };
                    break;
                default:
                    settings = ConnectionSettings.FromEnvironment(Environment.GetEnvironmentVariable)
                               ?? throw new ArgumentException(
                                   "No connection parameters were given and neither OS_AUTH_URL nor OS_TOKEN is set. "
                                   + "Pass -AuthUrl and -Credential, or set the OS_* variables the openstack CLI uses (e.g. source an openrc file).");
                    break;
            }
            if (!string.IsNullOrEmpty(Region)) settings.Region = Region;
            return settings;
        }
    }
}
