using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Clients;
using ComputeModule.Commands.Completers;
using ComputeModule.Http;
using ComputeModule.Models;

namespace ComputeModule.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets images: by id, or a filtered listing (one page, or every page with -All).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ComputeImage", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(ComputeImage))]
    public sealed class GetComputeImageCommand : ComputeCmdlet
    {
        /// <summary>Listing with filters.</summary>
        public const string ListSet = "List";

        /// <summary>Images by id.</summary>
        public const string IdSet = "Id";

        private ResourceClients _clients = null!;

        /// <summary>Image ids; from the pipeline too.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("ImageId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Only images with this name.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageNameCompleter))]
        public string? Name { get; set; }

        /// <summary>Only images in this status (ACTIVE, SAVING, ERROR, ...).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageStatusCompleter))]
        public string? Status { get; set; }

        /// <summary>Only snapshots of this server id.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ServerIdCompleter))]
        public string? Server { get; set; }

        /// <summary>Only base images or only snapshots.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet(ImageTypes.Base, ImageTypes.Snapshot, IgnoreCase = true)]
        public string? Type { get; set; }

        /// <summary>Only images changed since this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? ChangesSince { get; set; }

        /// <summary>Page size (the service caps it, usually at 1000).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, int.MaxValue)]
        public int? Limit { get; set; }

        /// <summary>Start after this image id (the last id of a previous page).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string? Marker { get; set; }

        /// <summary>Follow the pages to the end, writing each image as its page arrives.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter All { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            _clients = ResourceClients.For(EffectiveConnection);
        }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
            {
                ProcessEach(Id, _clients.Images.GetAsync);
                return;
            }

            var query = new ImageListQuery
            {
                Name = Name,
                Status = Status,
                Server = Server,
                Type = Type == null ? (ImageTypeFilter?)null
                    : string.Equals(Type, ImageTypes.Snapshot, StringComparison.OrdinalIgnoreCase) ? ImageTypeFilter.Snapshot : ImageTypeFilter.Base,
                ChangesSince = ChangesSince,
                Limit = Limit,
            };
            bool all = All.IsPresent;
            WriteListing<ComputeImage>((marker, page, ct) => FetchAsync(query, marker, page, all, ct), Marker, all, "images");
        }

        /// <summary>
        /// One page. The type filter may be applied here rather than by the service, which can leave a page empty
        /// although more follow; with -All such pages are skipped so that the paging does not stop early.
        /// </summary>
        private async Task<Page<ComputeImage>> FetchAsync(ImageListQuery query, string? marker, int page, bool all, CancellationToken ct)
        {
            var result = await _clients.Images.ListAsync(query, marker, page, ct).ConfigureAwait(false);
            var seen = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
            while (all && result.Items.Count == 0 && !string.IsNullOrEmpty(result.NextMarker) && seen.Add(result.NextMarker!))
            {
                marker = result.NextMarker;
                result = await _clients.Images.ListAsync(query, marker, page, ct).ConfigureAwait(false);
            }
            return result;
        }
    }
}
