using System;
using System.Collections.Generic;
using System.Linq;
using ComputeEmulator;

// dotnet run --project tools/ComputeEmulator -- --urls http://127.0.0.1:8774 [--seed-servers 1000 --build-delay 0 ...]
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(OptionsParser_Help());
    return 0;
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
app.Run();
return 0;

static string OptionsParser_Help() => ComputeEmulatorCli.Help();
