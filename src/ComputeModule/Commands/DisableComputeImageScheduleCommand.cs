using System;
using System.Management.Automation;
using ComputeModule.Clients;
using ComputeModule.Commands.Completers;

namespace ComputeModule.Commands
{
    /// <summary>
    /// <para type="synopsis">Disables scheduled images of servers (Rackspace extension).</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Disable, "ComputeImageSchedule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class DisableComputeImageScheduleCommand : ComputeCmdlet
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
            ProcessEach(ServerId, _clients.ImageSchedules.DisableAsync,
                id => ShouldProcess(ResourceClients.ServerTarget(id, null), "Disable scheduled images"));
        }
    }
}
