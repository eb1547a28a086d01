using System;
using System.Management.Automation;
using ComputeModule.Clients;
using ComputeModule.Commands.Completers;
using ComputeModule.Models;

namespace ComputeModule.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the metadata of images: every item, or the items named by -Key.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ComputeImageMetadata")]
    [OutputType(typeof(ComputeImageMetadataEntry))]
    public sealed class GetComputeImageMetadataCommand : ComputeCmdlet
    {
        private ResourceClients _clients = null!;

        /// <summary>The image.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageIdCompleter))]
        public string ImageId { get; set; } = string.Empty;

        /// <summary>Only these keys (each read with <c>images/{id}/metadata/{key}</c>).</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageMetadataKeyCompleter))]
        public string[]? Key { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            _clients = ResourceClients.For(EffectiveConnection);
        }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            string imageId = ImageId;
            if (Key == null || Key.Length == 0)
            {
                System.Collections.Generic.IReadOnlyList<ComputeImageMetadataEntry> entries;
                try
                {
                    entries = WireMapper.ToEntries(imageId, Run(ct => _clients.ImageMetadata.GetAllAsync(imageId, ct)));
                }
                catch (Exception e) when (ResourceClients.IsItemFailure(e))
                {
                    WriteItemError(e, imageId, ResourceErrorIds.For(e));
                    return;
                }
                foreach (var entry in entries) WriteObject(entry);
                return;
            }

            ProcessEach(Key, (key, ct) => _clients.ImageMetadata.GetItemAsync(imageId, key, ct),
                reportError: (e, key) => WriteMetadataKeyError(e, imageId, key));
        }
    }
}
