using System;
using System.Management.Automation;
using ComputeModule.Clients;
using ComputeModule.Commands.Completers;
using ComputeModule.Models;

namespace ComputeModule.Commands
{
    /// <summary>
    /// <para type="synopsis">Deletes images. Irreversible, so it asks for confirmation unless -Confirm:$false.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ComputeImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(void))]
    public sealed class RemoveComputeImageCommand : ComputeCmdlet
    {
        /// <summary>Images by id (strings, or objects with an Id property, from the pipeline).</summary>
        public const string IdSet = "Id";

        /// <summary>
        /// ComputeImage objects from the pipeline, so the confirmation names the image, not only its id. The default
        /// set for the reason New-ComputeImage gives: PowerShell tries the default set's by-property-name binding first.
        /// </summary>
        public const string InputObjectSet = "InputObject";

        private ResourceClients _clients = null!;

        /// <summary>The images to delete.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageIdCompleter))]
        public string[] ImageId { get; set; } = Array.Empty<string>();

        /// <summary>Images from Get-ComputeImage or New-ComputeImage.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        [ValidateNotNull]
        public ComputeImage[] InputObject { get; set; } = Array.Empty<ComputeImage>();

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
                ProcessEach(ImageId, _clients.Images.DeleteAsync, id => ShouldProcess(ResourceClients.ImageTarget(id, null), "Delete image"));
                return;
            }
            foreach (var image in InputObject)
            {
                ProcessEach(new[] { image.Id }, _clients.Images.DeleteAsync, id => ShouldProcess(ResourceClients.ImageTarget(id, image.Name), "Delete image"));
            }
        }
    }
}
