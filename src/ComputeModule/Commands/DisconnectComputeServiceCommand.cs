using System.Management.Automation;
using ComputeModule.Models;

namespace ComputeModule.Commands
{
    /// <summary>Disconnect-ComputeService: closes a connection (default: the session default) and forgets it as the default.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "ComputeService")]
    [OutputType(typeof(void))]
    public sealed class DisconnectComputeServiceCommand : AsyncCmdlet
    {
        /// <summary>The connection to close; default: the session default.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public ComputeConnection? Connection { get; set; }

        /// <summary>Closes the connection.</summary>
        protected override void ProcessRecord()
        {
            var connection = Connection ?? ConnectionStore.Default;
            if (connection == null)
            {
                WriteVerbose("Not connected: nothing to disconnect.");
                return;
            }
            ConnectionStore.ClearIfDefault(connection);
            connection.Session.Dispose();
            WriteVerbose($"Disconnected from {connection.ComputeEndpoint}.");
        }
    }
}
