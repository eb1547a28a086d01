using System;
using System.Management.Automation;
using ComputeModule.Clients;
using ComputeModule.Commands.Completers;
using ComputeModule.Models;

namespace ComputeModule.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets servers: by id, or a filtered listing (one page, or every page with -All).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ComputeServer", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(ComputeServer))]
    public sealed class GetComputeServerCommand : ComputeCmdlet
    {
        /// <summary>Listing with filters.</summary>
        public const string ListSet = "List";

        /// <summary>Servers by id.</summary>
        public const string IdSet = "Id";

        private ResourceClients _clients = null!;

        /// <summary>Server ids (UUIDs, or integers on HP Cloud); from the pipeline too.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("ServerId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ServerIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Only servers whose name matches (Nova treats it as a regular expression).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ServerNameCompleter))]
        public string? Name { get; set; }

        /// <summary>Only servers in this status (ACTIVE, BUILD, SHUTOFF, ERROR, ...).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ServerStatusCompleter))]
        public string? Status { get; set; }

        /// <summary>Only servers booted from this image id.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageIdCompleter))]
        public string? Image { get; set; }

        /// <summary>Only servers of this flavor id.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string? Flavor { get; set; }

        /// <summary>Only servers changed since this time (deleted ones included, with status DELETED).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? ChangesSince { get; set; }

        /// <summary>Page size (the service caps it, usually at 1000).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, int.MaxValue)]
        public int? Limit { get; set; }

        /// <summary>Start after this server id (the last id of a previous page).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string? Marker { get; set; }

        /// <summary>Follow the pages to the end, writing each server as its page arrives.</summary>
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
                ProcessEach(Id, _clients.Servers.GetAsync);
                return;
            }

            var query = new ServerListQuery
            {
                Name = Name,
                Status = Status,
                Image = Image,
                Flavor = Flavor,
                ChangesSince = ChangesSince,
                Limit = Limit,
            };
            WriteListing<ComputeServer>((marker, page, ct) => _clients.Servers.ListAsync(query, marker, page, ct), Marker, All.IsPresent, "servers");
        }
    }
}
