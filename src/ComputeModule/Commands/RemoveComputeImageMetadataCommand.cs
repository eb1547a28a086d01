using System;
using System.Management.Automation;
using ComputeModule.Clients;
using ComputeModule.Commands.Completers;
using ComputeModule.Errors;

namespace ComputeModule.Commands
{
    /// <summary>
    /// <para type="synopsis">Deletes metadata items of images, one DELETE per key.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ComputeImageMetadata", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveComputeImageMetadataCommand : ComputeCmdlet
    {
        private ResourceClients _clients = null!;

        /// <summary>The image.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageIdCompleter))]
        public string ImageId { get; set; } = string.Empty;

        /// <summary>The keys to delete.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageMetadataKeyCompleter))]
        public string[] Key { get; set; } = Array.Empty<string>();

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            _clients = ResourceClients.For(EffectiveConnection);
        }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            string imageId = ImageId;
            foreach (var key in Key)
            {
                if (!ShouldProcess(ResourceClients.ImageTarget(imageId, null), $"Remove metadata item '{key}'")) continue;
                try
                {
                    Run(ct => _clients.ImageMetadata.DeleteItemAsync(imageId, key, ct));
                }
                catch (Exception e) when (ResourceClients.IsItemFailure(e))
                {
                    WriteKeyError(e, imageId, key);
                }
            }
        }

        /// <summary>A missing key is reported with the key as target and a message naming it; other failures name the image.</summary>
        private void WriteKeyError(Exception e, string imageId, string key)
        {
            string? id = ResourceErrorIds.For(e);
            if (id != ResourceErrorIds.MetadataKeyNotFound)
            {
                WriteItemError(e, imageId, id);
                return;
            }
            var record = ErrorRecords.From(e, id, key);
            record.ErrorDetails = new ErrorDetails($"Image '{imageId}' has no metadata key '{key}'. {e.Message}");
            WriteError(record);
        }
    }
}
