using System;
using System.Management.Automation;
using ComputeModule.Clients;
using ComputeModule.Commands.Completers;
using ComputeModule.Models;

namespace ComputeModule.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the scheduled-images setting of servers (Rackspace extension).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ComputeImageSchedule")]
    [OutputType(typeof(ComputeImageSchedule))]
    public sealed class GetComputeImageScheduleCommand : ComputeCmdlet
    {
        private ResourceClients _clients = null!;

        /// <summary>The servers.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ServerIdCompleter))]
        public string[] ServerId { get; set; } = Array.Empty<string>();

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            _clients = ResourceClients.For(EffectiveConnection);
        }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            ProcessEach(ServerId, _clients.ImageSchedules.GetAsync);
        }
    }
}
