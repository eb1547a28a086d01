using System.Collections.Generic;
using Microsoft.AspNetCore.Builder;

namespace ComputeEmulator;

/// <summary>Command-line entry points used by Program.cs.</summary>
internal static class ComputeEmulatorCli
{
    public static EmulatorOptions Parse(string[] args, out List<string> hostArgs) => OptionsParser.Parse(args, out hostArgs);

    public static WebApplication Build(EmulatorOptions options, string[] hostArgs, string? urls) => EmulatorApp.Build(options, hostArgs, urls);

    public static string Help() => OptionsParser.Help();
}
