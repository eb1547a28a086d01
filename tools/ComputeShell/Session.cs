using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace ComputeShell
{
    /// <summary>One runspace with ComputeModule imported, on the console host; runs scripts through Out-Default.</summary>
    internal sealed class Session : IDisposable
    {
        private readonly string _modulePath;
        private readonly ConsoleHost _host = new ConsoleHost();
        private Runspace? _runspace;

        public Session(string modulePath) => _modulePath = Path.GetFullPath(modulePath);

        public ConsoleHost Host => _host;

        /// <summary>Opens the runspace and imports the module; false (and the reason on stderr) when that fails.</summary>
        public bool Open()
        {
            var iss = InitialSessionState.CreateDefault2();
            if (OperatingSystem.IsWindows())
            {
                iss.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            }
            bool isManifest = _modulePath.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase);
            string format = Path.Combine(Path.GetDirectoryName(_modulePath)!, "ComputeModule.Format.ps1xml");
            if (!isManifest && File.Exists(format))
            {
                // Importing the dll alone skips the manifest's FormatsToProcess; load the views ourselves.
                iss.Formats.Add(new SessionStateFormatEntry(format));
            }
            _runspace = RunspaceFactory.CreateRunspace(_host, iss);
            _runspace.Open();
            // ANSI styling (table headers) only when writing to a terminal.
            string rendering = Console.IsOutputRedirected || Environment.GetEnvironmentVariable("NO_COLOR") != null ? "PlainText" : "Host";
            Invoke(ps => ps.AddScript($"$PSStyle.OutputRendering = '{rendering}'"), toHost: false);
            var (ok, _) = Invoke(ps => ps.AddCommand("Import-Module").AddParameter("Name", _modulePath).AddParameter("ErrorAction", "Stop"), toHost: true);
            if (!ok)
            {
                Console.Error.WriteLine($"ComputeShell: could not import {_modulePath}");
            }
            return ok;
        }

        /// <summary>Connects from the OS_* variables (set to the emulator), quietly.</summary>
        public bool Connect()
        {
            var (ok, _) = Invoke(ps => ps.AddScript("$null = Connect-ComputeService -ErrorAction Stop"), toHost: true);
            return ok;
        }

        /// <summary>Runs a script; output and errors are formatted on the console. Returns 0, 1 (errors) or the script's exit code.</summary>
        public int RunScript(string script, bool echo)
        {
            if (echo)
            {
                WritePrompt(script);
            }
            var (_, code) = Invoke(ps => ps.AddScript(script), toHost: true);
            return code;
        }

        /// <summary>Runs a .ps1 file with arguments, as pwsh -File does.</summary>
        public int RunFile(string path, IReadOnlyList<string> arguments)
        {
            var (_, code) = Invoke(ps =>
            {
                ps.AddCommand(path);
                foreach (var a in arguments) ps.AddArgument(a);
            }, toHost: true);
            return code;
        }

        /// <summary>Prints a command the way a console would show it being typed.</summary>
        public void WritePrompt(string script)
        {
            var lines = script.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                _host.UI.Write(ConsoleColor.DarkGray, ConsoleColor.Black, i == 0 ? "PS> " : ">> ");
                _host.UI.WriteLine(ConsoleColor.White, ConsoleColor.Black, lines[i].TrimEnd('\r'));
            }
        }

        /// <summary>
        /// Runs one pipeline with Out-Default at its end and errors merged into it, so everything renders as
        /// the console would. Success means no error shown, no terminating error and no non-zero exit code.
        /// </summary>
        private (bool Ok, int ExitCode) Invoke(Action<PowerShell> build, bool toHost)
        {
            SetLastExitCode();
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            build(ps);
            if (toHost)
            {
                ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
                // Count the errors that reach the console (not those silenced with -ErrorAction SilentlyContinue
                // or caught by the script), as pwsh would show them.
                ps.AddCommand("ForEach-Object").AddParameter("Process", ScriptBlock.Create(
                    "if ($_ -is [System.Management.Automation.ErrorRecord]) { $global:__ComputeShellErrors++ }; $_"));
                ps.AddCommand("Out-Default");
            }
            int before = ShownErrors();
            try
            {
                ps.Invoke();
            }
            catch (RuntimeException e)
            {
                ReportTerminating(e.ErrorRecord);
                return (false, 1);
            }
            catch (Exception e) when (e.GetType().Name == "ExitException")
            {
                // `exit n` at a script's top level.
                object? arg = e.GetType().GetProperty("Argument")?.GetValue(e);
                int code = arg is int n ? n : LanguagePrimitives.TryConvertTo(arg, out int m) ? m : 0;
                return (code == 0, code);
            }
            if (_host.ExitCode is int exit)
            {
                return (exit == 0, exit);
            }
            // `exit n` in a script file (and in a -Command script) lands in $LASTEXITCODE.
            int lastExit = LastExitCode();
            if (lastExit != 0)
            {
                return (false, lastExit);
            }
            bool ok = toHost ? ShownErrors() == before : !ps.HadErrors;
            return (ok, ok ? 0 : 1);
        }

        private void ReportTerminating(ErrorRecord record)
        {
            // Format the error with the session's own error view, as the console would.
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddCommand("Out-Default").AddParameter("InputObject", record);
            try
            {
                ps.Invoke();
            }
            catch (Exception)
            {
                _host.UI.WriteErrorLine(record.ToString());
            }
        }

        private void SetLastExitCode()
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript("$global:LASTEXITCODE = 0");
            ps.Invoke();
        }

        private int LastExitCode()
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript("$global:LASTEXITCODE");
            var result = ps.Invoke();
            return result.Count > 0 && result[0]?.BaseObject is int n ? n : 0;
        }

        private int ShownErrors()
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript("[int]$global:__ComputeShellErrors");
            var result = ps.Invoke();
            return result.Count > 0 && result[0]?.BaseObject is int n ? n : 0;
        }

        public void Dispose() => _runspace?.Dispose();
    }
}
