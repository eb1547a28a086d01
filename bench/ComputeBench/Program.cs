// ComputeBench: prints figures, asserts nothing. See bench/README.md.
//
//   dotnet run -c Release --project bench/ComputeBench -- [all|emulator|list|import|nova] [options]
//
// Every listing is measured in a child process of its own, so that wall time and peak memory (VmHWM)
// belong to that one client and not to the emulator or an earlier run.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using ComputeBench;

var mode = args.Length > 0 ? args[0] : "all";
var options = BenchOptions.Parse(args.Skip(1).ToArray());
switch (mode)
{
    case "all":
        await Scenarios.EmulatorPageAsync(options);
        await Scenarios.ListingAsync(options);
        Scenarios.Import(options);
        return 0;
    case "emulator":
        await Scenarios.EmulatorPageAsync(options);
        return 0;
    case "list":
        await Scenarios.ListingAsync(options);
        return 0;
    case "import":
        Scenarios.Import(options);
        return 0;
    case "nova":
        return Scenarios.Nova(options);
    case "child-plain":
        return await Children.PlainAsync(options);
    case "child-module":
        return Children.Module(options);
    case "child-import":
        return Children.Import(options);
    default:
        Console.Error.WriteLine($"unknown mode '{mode}': use all, emulator, list, import or nova");
        return 2;
}
