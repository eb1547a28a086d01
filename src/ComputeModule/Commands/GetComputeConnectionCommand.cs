using System.Management.Automation;
using ComputeModule.Models;

namespace ComputeModule.Commands
{
    /// <summary>Get-ComputeConnection: the session default connection (nothing when not connected).</summary>
    [Cmdlet(VerbsCommon.Get, "ComputeConnection")]
    [OutputType(typeof(ComputeConnection))]
    public sealed class GetComputeConnectionCommand : PSCmdlet
    {
        /// <summary>Writes the default connection.</summary>
        protected override void ProcessRecord()
        {
            var connection = ConnectionStore.Default;
            if (connection == null)
            {
                WriteVerbose("Not connected. Run Connect-ComputeService.");
                return;
            }
            WriteObject(connection);
        }
    }
}
