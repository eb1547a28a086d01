// ComputeShell: a small PowerShell host around the ComputeModule and an in-process ComputeEmulator.
// With no arguments it runs the README's tour; -Command and -File run any script against the same
// emulator with a connected session. Output goes through Out-Default, so the module's format views render.
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ComputeEmulator;
using ComputeShell;

return await Shell.RunAsync(args);

namespace ComputeShell
{
    internal static class Shell
    {
        private const string Usage = """
            ComputeShell: PowerShell 7.6 (hosted) with ComputeModule and an in-process ComputeEmulator.

            Usage:
              dotnet run --project tools/ComputeShell                        the narrated tour
              dotnet run --project tools/ComputeShell -- -Command '<script>'   run a script
              dotnet run --project tools/ComputeShell -- -File <path.ps1> [arguments...]
            Options:
              -Command <script>   run the script in a session connected to the emulator
              -File <path> [args] run a .ps1 file (the remaining arguments are its arguments)
              -NoEmulator         start no emulator and do not connect: use Connect-ComputeService yourself
              -Servers <n>        servers created in the emulator: 60 % webNN, the rest dbNN (default 25)
              -Module <path>      the ComputeModule.psd1 (or .dll) to import (default: the one built beside this program)
              -Help               this text
            With the emulator, $env:COMPUTE_EMULATOR_URL is its base URL and the OS_* variables point at it
            (user demo / demo-password, project demo, region RegionOne). The exit code is 1 when the script
            wrote errors, else 0 (or the code the script passed to exit).
            """;

        public static async Task<int> RunAsync(string[] args)
        {
            string? command = null, file = null, module = null;
            var fileArgs = new List<string>();
            bool noEmulator = false;
            int servers = 25;
            for (int i = 0; i < args.Length; i++)
            {
                string a = args[i];
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
                try
                {
                    switch (a.ToLowerInvariant())
                    {
                        case "-command": case "-c": case "--command": command = Next(); break;
                        case "-file": case "-f": case "--file":
                            file = Next();
                            fileArgs.AddRange(args[(i + 1)..]);
                            i = args.Length;
                            break;
                        case "-noemulator": case "--no-emulator": noEmulator = true; break;
                        case "-servers": case "--servers": servers = int.Parse(Next()); break;
                        case "-module": case "--module": module = Next(); break;
                        case "-help": case "--help": case "-h": case "-?": case "/?": Console.WriteLine(Usage); return 0;
                        default: throw new ArgumentException($"unknown argument '{a}'");
                    }
                }
                catch (Exception e) when (e is ArgumentException or FormatException)
                {
                    Console.Error.WriteLine("ComputeShell: " + e.Message);
                    Console.Error.WriteLine("Try -Help.");
                    return 2;
                }
            }
            if (file != null && !File.Exists(file))
            {
                Console.Error.WriteLine($"ComputeShell: the file '{file}' does not exist.");
                return 2;
            }

            module ??= DefaultModulePath();
            if (module == null)
            {
                Console.Error.WriteLine("ComputeShell: ComputeModule.psd1/.dll not found beside the program; build the solution or pass -Module <path>.");
                return 2;
            }

            ComputeEmulatorHost? emulator = null;
            try
            {
                if (!noEmulator)
                {
                    emulator = await ComputeEmulatorHost.StartAsync(Tour.EmulatorOptions(servers));
                    Tour.PointEnvironmentAt(emulator.BaseUrl);
                    try
                    {
                        await Tour.CreateServersAsync(emulator.BaseUrl, CancellationToken.None);
                    }
                    catch (Exception e)
                    {
                        Console.Error.WriteLine("ComputeShell: could not create the servers in the emulator: " + e.Message);
                        return 1;
                    }
                }
                using var session = new Session(module);
                if (!session.Open())
                {
                    return 1;
                }
                if (command == null && file == null)
                {
                    return Tour.Run(session, emulator?.BaseUrl);
                }
                if (emulator != null && !session.Connect())
                {
                    return 1;
                }
                return file != null ? session.RunFile(Path.GetFullPath(file), fileArgs) : session.RunScript(command!, echo: false);
            }
            finally
            {
                if (emulator != null)
                {
                    await emulator.DisposeAsync();
                }
            }
        }

        /// <summary>The module built beside this program (the ProjectReference copies manifest, dll, format and help here).</summary>
        private static string? DefaultModulePath()
        {
            string? fromEnv = Environment.GetEnvironmentVariable("COMPUTE_MODULE_PATH");
            if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv)) return fromEnv;
            foreach (string name in new[] { "ComputeModule.psd1", "ComputeModule.dll" })
            {
                string path = Path.Combine(AppContext.BaseDirectory, name);
                if (File.Exists(path)) return path;
            }
            return null;
        }
    }
}
