using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Threading.Tasks;
using ComputeModule.Clients;
using ComputeModule.Commands.Completers;
using ComputeModule.Errors;
using ComputeModule.Models;

namespace ComputeModule.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates an image (snapshot) of each server given, optionally waiting until it is ACTIVE.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "ComputeImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(ComputeImage))]
    public sealed class NewComputeImageCommand : ComputeCmdlet
    {
        /// <summary>The server by id (strings or objects with an Id property from the pipeline).</summary>
        public const string IdSet = "Id";

        /// <summary>
        /// ComputeServer objects from the pipeline (their name shows in -WhatIf and -Confirm). The default set, because
        /// PowerShell tries the default set's by-property-name binding before another set's by-value binding: with Id as
        /// the default, a piped server would bind its Id to -ServerId and its name would be lost.
        /// </summary>
        public const string InputObjectSet = "InputObject";

        /// <summary>How often -Wait asks for the image's status.</summary>
        private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

        private const int WaitActivityId = 0x0C1A;

        private ResourceClients _clients = null!;
        private Dictionary<string, string>? _metadata;

        /// <summary>The server to snapshot.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ServerIdCompleter))]
        public string ServerId { get; set; } = string.Empty;

        /// <summary>A server from Get-ComputeServer.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        [ValidateNotNull]
        public ComputeServer? InputObject { get; set; }

        /// <summary>The image name; by property name, so <c>-Name { "$($_.Name)-nightly" }</c> is evaluated per server.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 255)]
        public string Name { get; set; } = string.Empty;

        /// <summary>Metadata for the image: keys non-empty, keys and values up to 255 characters.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Metadata { get; set; }

        /// <summary>Wait until the image is ACTIVE, showing its progress.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>How long -Wait waits (a TimeSpan or a number of seconds); default 10 minutes.</summary>
        [Parameter]
        [TimeSpanSeconds]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            if (Timeout <= TimeSpan.Zero)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument(
                    $"-Timeout must be positive; got {Timeout}.", ErrorRecords.InvalidParameter, Timeout));
            }
            if (Metadata != null) _metadata = NormalizeMetadata(Metadata);
            _clients = ResourceClients.For(EffectiveConnection);
        }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            string serverId = InputObject?.Id ?? ServerId;
            object errorTarget = (object?)InputObject ?? serverId;
            string imageName = Name;
            if (!ShouldProcess(ResourceClients.ServerTarget(serverId, InputObject?.Name), $"Create image '{imageName}'")) return;

            ComputeImage image;
            try
            {
                string imageId = Run(ct => _clients.Servers.CreateImageAsync(serverId, imageName, _metadata, ct));
                errorTarget = imageId;
                image = Run(ct => GetNewImageAsync(imageId, ct));
            }
            catch (Exception e) when (ResourceClients.IsItemFailure(e))
            {
                WriteItemError(e, errorTarget, ResourceErrorIds.For(e));
                return;
            }

            if (Wait.IsPresent)
            {
                var done = WaitUntilActive(image);
                if (done == null) return;
                image = done;
            }
            WriteObject(image);
        }

        /// <summary>The image right after the 202; the image service may take a moment to show it.</summary>
        private async Task<ComputeImage> GetNewImageAsync(string imageId, System.Threading.CancellationToken ct)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    return await _clients.Images.GetAsync(imageId, ct).ConfigureAwait(false);
                }
                catch (ComputeNotFoundException) when (attempt < 3)
                {
                    await Task.Delay(PollInterval, ct).ConfigureAwait(false);
                }
            }
        }

        /// <summary>Polls until ACTIVE; writes an error and returns null on ERROR or timeout (the image is left in place).</summary>
        private ComputeImage? WaitUntilActive(ComputeImage image)
        {
            var watch = Stopwatch.StartNew();
            var progress = new ProgressRecord(WaitActivityId, $"Creating image '{image.Name}' ({image.Id})", "Starting");
            try
            {
                while (true)
                {
                    string status = (image.Status ?? string.Empty).ToUpperInvariant();
                    if (status == "ACTIVE") return image;
                    if (status == "ERROR" || status == "KILLED" || status == "DELETED")
                    {
                        WriteItemError(new ComputeApiException(
                            $"Image '{image.Name}' ({image.Id}) went to status {status} instead of ACTIVE."), image, ErrorRecords.ComputeFault);
                        return null;
                    }
                    var remaining = Timeout - watch.Elapsed;
                    if (remaining <= TimeSpan.Zero)
                    {
                        string last = image.Progress.HasValue
                            ? string.Format(CultureInfo.InvariantCulture, "{0}, progress {1}%", image.Status, image.Progress.Value)
                            : image.Status ?? "unknown";
                        WriteItemError(new TimeoutException(
                            $"Timed out after {Timeout} waiting for image '{image.Name}' ({image.Id}) to become ACTIVE; last status {last}. The image was left in place."),
                            image, ErrorRecords.OperationTimeout);
                        return null;
                    }

                    progress.StatusDescription = image.Progress.HasValue
                        ? string.Format(CultureInfo.CurrentCulture, "{0} ({1}%)", image.Status, image.Progress.Value)
                        : image.Status ?? "waiting";
                    progress.PercentComplete = Math.Max(0, Math.Min(100, image.Progress ?? 0));
                    WriteProgress(progress);

                    var delay = remaining < PollInterval ? remaining : PollInterval;
                    Run(ct => Task.Delay(delay, ct));
                    string id = image.Id;
                    try
                    {
                        image = Run(ct => _clients.Images.GetAsync(id, ct));
                    }
                    catch (Exception e) when (ResourceClients.IsItemFailure(e))
                    {
                        WriteItemError(e, id, ResourceErrorIds.For(e));
                        return null;
                    }
                }
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                try
                {
                    WriteProgress(progress);
                }
                catch (Exception)
                {
                    // The pipeline is stopping; the completed record is cosmetic.
                }
            }
        }
    }
}
