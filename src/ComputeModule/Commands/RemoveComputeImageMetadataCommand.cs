using System;
using System.Management.Automation;
using ComputeModule.Clients;
using ComputeModule.Commands.Completers;

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
            ProcessEach(Key, (key, ct) => _clients.ImageMetadata.DeleteItemAsync(imageId, key, ct),
                key => ShouldProcess(ResourceClients.ImageTarget(imageId, null), $"Remove metadata item '{key}'"),
                (e, key) => WriteMetadataKeyError(e, imageId, key));
        }
    }
}
