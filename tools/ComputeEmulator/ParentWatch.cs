using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace ComputeEmulator;

/// <summary>Stops the emulator when the process that started it ends (<c>--parent-pid</c>).</summary>
internal static class ParentWatch
{
    public static async Task StopWhenGoneAsync(int pid, IHostApplicationLifetime lifetime)
    {
        Process parent;
        try
        {
            parent = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            // Already gone before we started watching.
            Console.Error.WriteLine($"ComputeEmulator: parent process {pid} is not running; stopping.");
            lifetime.StopApplication();
            return;
        }

        using (parent)
        {
            await parent.WaitForExitAsync(lifetime.ApplicationStopping).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
        if (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            Console.Error.WriteLine($"ComputeEmulator: parent process {pid} ended; stopping.");
            lifetime.StopApplication();
        }
    }
}
