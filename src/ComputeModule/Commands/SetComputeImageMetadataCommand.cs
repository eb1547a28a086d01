using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ComputeModule.Clients;
using ComputeModule.Commands.Completers;
using ComputeModule.Errors;
using ComputeModule.Models;

namespace ComputeModule.Commands
{
    /// <summary>
    /// <para type="synopsis">Sets metadata of images: merges the items given (default) or replaces the whole set (-Replace).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ComputeImageMetadata", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ComputeImageMetadataEntry))]
    public sealed class SetComputeImageMetadataCommand : ComputeCmdlet
    {
        private ResourceClients _clients = null!;
        private Dictionary<string, string> _items = new Dictionary<string, string>();
        private int? _limit;

        /// <summary>The image.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageIdCompleter))]
        public string ImageId { get; set; } = string.Empty;

        /// <summary>The items: keys non-empty, keys and values up to 255 characters.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNull]
        public Hashtable Metadata { get; set; } = new Hashtable();

        /// <summary>Replace the whole set (PUT) instead of merging (POST).</summary>
        [Parameter]
        public SwitchParameter Replace { get; set; }

        /// <summary>Write the resulting items of each image.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            _items = NormalizeMetadata(Metadata);
            _clients = ResourceClients.For(EffectiveConnection);
        }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            string imageId = ImageId;
            string action = Replace.IsPresent
                ? $"Replace all metadata with {_items.Count} item(s): {Keys()}"
                : $"Set metadata item(s): {Keys()}";
            if (!ShouldProcess(ResourceClients.ImageTarget(imageId, null), action)) return;

            IReadOnlyList<ComputeImageMetadataEntry> result;
            try
            {
                result = Run(async ct =>
                {
                    // Checked before the write, so an over-limit request changes nothing (Nova would answer 403).
                    _limit ??= await _clients.ImageMetadata.GetMaxImageMetaAsync(ct).ConfigureAwait(false);
                    Dictionary<string, string?> after;
                    if (Replace.IsPresent)
                    {
                        MetadataRules.CheckCount(imageId, _items.Count, _limit.Value, replace: true);
                        after = await _clients.ImageMetadata.ReplaceAsync(imageId, _items, ct).ConfigureAwait(false);
                    }
                    else
                    {
                        var existing = await _clients.ImageMetadata.GetAllAsync(imageId, ct).ConfigureAwait(false);
                        MetadataRules.CheckCount(imageId, MetadataRules.MergedCount(existing.Keys, _items.Keys), _limit.Value, replace: false);
                        after = await _clients.ImageMetadata.MergeAsync(imageId, _items, ct).ConfigureAwait(false);
                    }
                    return WireMapper.ToEntries(imageId, after);
                });
            }
            catch (MetadataLimitExceededException e)
            {
                WriteError(new ErrorRecord(e, ResourceErrorIds.MetadataLimitExceeded, ErrorCategory.LimitsExceeded, imageId));
                return;
            }
            catch (Exception e) when (ResourceClients.IsItemFailure(e))
            {
                WriteItemError(e, imageId, ResourceErrorIds.For(e));
                return;
            }
            if (PassThru.IsPresent)
            {
                foreach (var entry in result) WriteObject(entry);
            }
        }

        private string Keys()
        {
            if (_items.Count == 0) return "(none)";
            var keys = _items.Keys.OrderBy(k => k, StringComparer.Ordinal).Take(10).ToArray();
            return string.Join(", ", keys) + (_items.Count > keys.Length ? ", ..." : string.Empty);
        }
    }
}
