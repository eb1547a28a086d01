using System;
using System.Management.Automation;
using ComputeModule.Clients;
using ComputeModule.Commands.Completers;

namespace ComputeModule.Commands
{
    /// <summary>
    /// <para type="synopsis">Deletes images. Irreversible, so it asks for confirmation unless -Confirm:$false.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ComputeImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveComputeImageCommand : ComputeCmdlet
    {
        private ResourceClients _clients = null!;

        /// <summary>The images to delete.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageIdCompleter))]
        public string[] ImageId { get; set; } = Array.Empty<string>();

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            _clients = ResourceClients.For(EffectiveConnection);
        }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            ProcessEach(ImageId, _clients.Images.DeleteAsync, id => ShouldProcess(ResourceClients.ImageTarget(id, null), "Delete image"));
        }
    }
}
