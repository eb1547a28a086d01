using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Clients;
using ComputeModule.Models;

namespace ComputeModule.Commands.Completers
{
    /// <summary>
    /// Completes from the first page of a listing of the connection in effect (-Connection, else the session default).
    /// Completion must never fail or hang the prompt: errors are swallowed and the call is bounded.
    /// </summary>
    public abstract class RemoteCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

        /// <summary>Page size asked for; completion needs names, not the whole cloud.</summary>
        protected const int PageSize = 200;

        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var connection = ConnectionFrom(fakeBoundParameters) ?? ConnectionStore.Default;
                if (connection == null || connection.IsClosed) return Array.Empty<CompletionResult>();
                var clients = ResourceClients.For(connection);
                using var cts = new CancellationTokenSource(Budget);
                // No cmdlet to pump for us here: block a thread-pool task for at most the budget.
                var task = Task.Run(() => FetchAsync(clients, fakeBoundParameters, cts.Token), cts.Token);
                var candidates = task.GetAwaiter().GetResult();
                var pattern = PrefixPattern(wordToComplete);
                return candidates
                    .Where(c => !string.IsNullOrEmpty(c.Value) && pattern.IsMatch(c.Value))
                    .GroupBy(c => c.Value, StringComparer.Ordinal).Select(g => g.First())
                    .OrderBy(c => c.Value, StringComparer.OrdinalIgnoreCase)
                    .Select(c => new CompletionResult(Quote(c.Value), c.Value, CompletionResultType.ParameterValue, string.IsNullOrEmpty(c.ToolTip) ? c.Value : c.ToolTip))
                    .ToArray();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        /// <summary>The candidate values, with a tooltip each.</summary>
        internal abstract Task<IEnumerable<Candidate>> FetchAsync(ResourceClients clients, IDictionary fakeBoundParameters, CancellationToken ct);

        /// <summary>The first page (<see cref="PageSize"/>) of the servers, which is what the server completers offer.</summary>
        internal static async Task<IReadOnlyList<ComputeServer>> FirstServersAsync(ResourceClients clients, CancellationToken ct)
            => (await clients.Servers.ListAsync(new ServerListQuery { Limit = PageSize }, null, 1, ct).ConfigureAwait(false)).Items;

        /// <summary>The first page (<see cref="PageSize"/>) of the images, which is what the image completers offer.</summary>
        internal static async Task<IReadOnlyList<ComputeImage>> FirstImagesAsync(ResourceClients clients, CancellationToken ct)
            => (await clients.Images.ListAsync(new ImageListQuery { Limit = PageSize }, null, 1, ct).ConfigureAwait(false)).Items;

        internal readonly struct Candidate
        {
            public Candidate(string? value, string? toolTip)
            {
                Value = value ?? string.Empty;
                ToolTip = toolTip;
            }

            public string Value { get; }
            public string? ToolTip { get; }
        }

        internal static string? BoundString(IDictionary? fakeBoundParameters, string name)
        {
            if (fakeBoundParameters == null || !fakeBoundParameters.Contains(name)) return null;
            var value = fakeBoundParameters[name];
            if (value is PSObject pso) value = pso.BaseObject;
            if (value is object[] array && array.Length > 0) value = array[0] is PSObject p ? p.BaseObject : array[0];
            return value?.ToString();
        }

        private static ComputeConnection? ConnectionFrom(IDictionary? fakeBoundParameters)
        {
            if (fakeBoundParameters == null || !fakeBoundParameters.Contains("Connection")) return null;
            var value = fakeBoundParameters["Connection"];
            if (value is PSObject pso) value = pso.BaseObject;
            return value as ComputeConnection;
        }

        /// <summary>What the word typed so far matches: values starting with it (quotes removed), case-insensitively.</summary>
        internal static WildcardPattern PrefixPattern(string? wordToComplete)
            => WildcardPattern.Get((wordToComplete ?? string.Empty).Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);

        private static string Quote(string value)
            => value.IndexOfAny(new[] { ' ', '\t', '\'', '"', '$', '`', ';', ',', '(', ')', '{', '}', '@', '&', '|', '#' }) >= 0
                ? "'" + value.Replace("'", "''") + "'"
                : value;
    }

    /// <summary>Server ids (tooltip: the name).</summary>
    public sealed class ServerIdCompleter : RemoteCompleter
    {
        internal override async Task<IEnumerable<Candidate>> FetchAsync(ResourceClients clients, IDictionary fakeBoundParameters, CancellationToken ct)
            => (await FirstServersAsync(clients, ct).ConfigureAwait(false)).Select(s => new Candidate(s.Id, $"{s.Name} ({s.Status})"));
    }

    /// <summary>Server names (tooltip: id and status).</summary>
    public sealed class ServerNameCompleter : RemoteCompleter
    {
        internal override async Task<IEnumerable<Candidate>> FetchAsync(ResourceClients clients, IDictionary fakeBoundParameters, CancellationToken ct)
            => (await FirstServersAsync(clients, ct).ConfigureAwait(false)).Select(s => new Candidate(s.Name, $"{s.Id} ({s.Status})"));
    }

    /// <summary>Image ids (tooltip: the name).</summary>
    public sealed class ImageIdCompleter : RemoteCompleter
    {
        internal override async Task<IEnumerable<Candidate>> FetchAsync(ResourceClients clients, IDictionary fakeBoundParameters, CancellationToken ct)
            => (await FirstImagesAsync(clients, ct).ConfigureAwait(false)).Select(i => new Candidate(i.Id, $"{i.Name} ({i.Type}, {i.Status})"));
    }

    /// <summary>Image names (tooltip: id, type and status).</summary>
    public sealed class ImageNameCompleter : RemoteCompleter
    {
        internal override async Task<IEnumerable<Candidate>> FetchAsync(ResourceClients clients, IDictionary fakeBoundParameters, CancellationToken ct)
            => (await FirstImagesAsync(clients, ct).ConfigureAwait(false)).Select(i => new Candidate(i.Name, $"{i.Id} ({i.Type}, {i.Status})"));
    }

    /// <summary>The metadata keys of the image given with -ImageId (or -Id).</summary>
    public sealed class ImageMetadataKeyCompleter : RemoteCompleter
    {
        internal override async Task<IEnumerable<Candidate>> FetchAsync(ResourceClients clients, IDictionary fakeBoundParameters, CancellationToken ct)
        {
            string? imageId = BoundString(fakeBoundParameters, "ImageId") ?? BoundString(fakeBoundParameters, "Id");
            if (string.IsNullOrEmpty(imageId)) return Array.Empty<Candidate>();
            var metadata = await clients.ImageMetadata.GetAllAsync(imageId!, ct).ConfigureAwait(false);
            return metadata.Select(p => new Candidate(p.Key, p.Key + " = " + p.Value));
        }
    }

    /// <summary>Completes from a fixed list of values.</summary>
    public abstract class FixedValuesCompleter : IArgumentCompleter
    {
        private readonly string[] _values;

        /// <summary>Creates the completer.</summary>
        protected FixedValuesCompleter(params string[] values)
        {
            _values = values;
        }

        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var pattern = RemoteCompleter.PrefixPattern(wordToComplete);
            return _values.Where(v => pattern.IsMatch(v)).Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v)).ToArray();
        }
    }

    /// <summary>Nova server status values.</summary>
    public sealed class ServerStatusCompleter : FixedValuesCompleter
    {
        /// <summary>Creates the completer.</summary>
        public ServerStatusCompleter()
            : base("ACTIVE", "BUILD", "DELETED", "ERROR", "HARD_REBOOT", "MIGRATING", "PASSWORD", "PAUSED", "REBOOT", "REBUILD",
                "RESCUE", "RESIZE", "REVERT_RESIZE", "SHELVED", "SHELVED_OFFLOADED", "SHUTOFF", "SOFT_DELETED", "SUSPENDED",
                "UNKNOWN", "VERIFY_RESIZE")
        {
        }
    }

    /// <summary>Image status values of the compute API's image proxy.</summary>
    public sealed class ImageStatusCompleter : FixedValuesCompleter
    {
        /// <summary>Creates the completer.</summary>
        public ImageStatusCompleter()
            : base("ACTIVE", "SAVING", "QUEUED", "ERROR", "DELETED", "UNKNOWN")
        {
        }
    }
}
