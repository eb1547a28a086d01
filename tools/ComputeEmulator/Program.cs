using System;
using System.Collections.Generic;
using System.Linq;
using ComputeEmulator;

// dotnet run --project tools/ComputeEmulator -- --urls http://127.0.0.1:8774 [--seed-servers 1000 --build-delay 0 ...]
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(OptionsParser_Help());
    Console.WriteLine("  --parent-pid <Int32>   stop when that process ends (test runs and the tour start the emulator so)");
    return 0;
}

// --parent-pid N: the process that started us. A test run or tour that dies (Ctrl+C, kill, crash) before it
// can stop the emulator must not leave it running, so the emulator watches its parent and stops with it.
int? parentPid = null;
int parentAt = Array.IndexOf(args, "--parent-pid");
if (parentAt >= 0)
{
    if (parentAt + 1 >= args.Length || !int.TryParse(args[parentAt + 1], out int pid) || pid <= 0)
    {
        Console.Error.WriteLine("Option --parent-pid needs a process id.");
        return 2;
    }
    parentPid = pid;
    args = args.Take(parentAt).Concat(args.Skip(parentAt + 2)).ToArray();
}

EmulatorOptions options;
List<string> hostArgs;
try
{
    options = ComputeEmulatorCli.Parse(args, out hostArgs);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

bool hasUrls = hostArgs.Any(a => a.StartsWith("--urls", StringComparison.Ordinal));
var app = ComputeEmulatorCli.Build(options, hostArgs.ToArray(), hasUrls ? null : "http://127.0.0.1:8774");
Console.WriteLine($"ComputeEmulator: regions {string.Join(", ", options.Regions)}, user {options.UserName}, tenant {options.TenantName} ({options.TenantId}). Ctrl+C stops.");
app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine("Listening on " + string.Join(", ", app.Urls)));
if (parentPid is int watched)
{
    _ = ParentWatch.StopWhenGoneAsync(watched, app.Lifetime);
}
app.Run();
return 0;

static string OptionsParser_Help() => ComputeEmulatorCli.Help();
