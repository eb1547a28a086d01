using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using ComputeModule.Models;

namespace ComputeModule.Commands
{
    /// <summary>
    /// The session default connection, one per runspace (so ForEach-Object -Parallel and runspace pools each have
    /// their own). Keyed weakly by the Runspace object: a closed runspace's entry goes with it.
    /// </summary>
    internal static class ConnectionStore
    {
        private sealed class Holder
        {
            public ComputeConnection? Connection;
        }

        private static readonly ConditionalWeakTable<Runspace, Holder> s_defaults = new ConditionalWeakTable<Runspace, Holder>();

        // Code running outside any runspace (unit tests of the core) shares this one.
        private static readonly Holder s_noRunspace = new Holder();

        private static Holder Current
        {
            get
            {
                var runspace = Runspace.DefaultRunspace;
                return runspace == null ? s_noRunspace : s_defaults.GetValue(runspace, _ => new Holder());
            }
        }

        /// <summary>The current runspace's default connection, or null.</summary>
        public static ComputeConnection? Default
        {
            get
            {
                var holder = Current;
                lock (holder) return holder.Connection;
            }
        }

        /// <summary>Makes <paramref name="connection"/> the default of the current runspace.</summary>
        public static void SetDefault(ComputeConnection? connection)
        {
            var holder = Current;
            lock (holder) holder.Connection = connection;
        }

        /// <summary>Forgets <paramref name="connection"/> if it is the current default; true when it was.</summary>
        public static bool ClearIfDefault(ComputeConnection connection)
        {
            var holder = Current;
            lock (holder)
            {
                if (!ReferenceEquals(holder.Connection, connection)) return false;
                holder.Connection = null;
                return true;
            }
        }
    }
}
