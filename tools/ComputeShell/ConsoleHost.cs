using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace ComputeShell
{
    /// <summary>
    /// A minimal PowerShell host writing to the console. The engine from NuGet formats through Out-Default,
    /// which needs a host UI to write to; this is that UI (no nested prompts, no buffer editing).
    /// </summary>
    internal sealed class ConsoleHost : PSHost
    {
        private readonly ConsoleHostUserInterface _ui = new ConsoleHostUserInterface();

        /// <summary>Set when a script calls exit.</summary>
        public int? ExitCode { get; private set; }

        public override string Name => "ComputeShell";
        public override Version Version { get; } = typeof(ConsoleHost).Assembly.GetName().Version ?? new Version(1, 0);
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
        public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
        public override void EnterNestedPrompt() => throw new NotSupportedException("ComputeShell has no nested prompt.");
        public override void ExitNestedPrompt() => throw new NotSupportedException("ComputeShell has no nested prompt.");
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    internal sealed class ConsoleHostUserInterface : PSHostUserInterface
    {
        private readonly ConsoleRawUserInterface _raw = new ConsoleRawUserInterface();
        private readonly object _gate = new object();
        private bool _progressShown;

        public override PSHostRawUserInterface RawUI => _raw;

        /// <summary>ANSI colors (table headers, errors) only on a terminal.</summary>
        public override bool SupportsVirtualTerminal => Interactive;

        private static bool Interactive => !Console.IsOutputRedirected;

        /// <summary>Writes text in a color when the console is a terminal, plain otherwise.</summary>
        private void Emit(string text, ConsoleColor? color, bool newLine, bool error = false)
        {
            lock (_gate)
            {
                ClearProgress();
                // Strips ANSI sequences (table header styling) unless the console is a terminal and
                // $PSStyle.OutputRendering allows them, as pwsh's own host does.
                text = GetOutputString(text, Interactive);
                var writer = error ? Console.Error : Console.Out;
                bool colored = color.HasValue && Interactive;
                if (colored) Console.ForegroundColor = color!.Value;
                if (newLine) writer.WriteLine(text); else writer.Write(text);
                if (colored) Console.ResetColor();
            }
        }

        private void ClearProgress()
        {
            if (_progressShown)
            {
                Console.Out.Write("\r" + new string(' ', Math.Max(0, _raw.BufferSize.Width - 1)) + "\r");
                _progressShown = false;
            }
        }

        public override void Write(string value) => Emit(value, null, false);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Emit(value, foregroundColor, false);
        public override void WriteLine(string value) => Emit(value, null, true);
        public override void WriteErrorLine(string value) => Emit(value, ConsoleColor.Red, true, error: true);
        public override void WriteDebugLine(string message) => Emit("DEBUG: " + message, ConsoleColor.Yellow, true);
        public override void WriteVerboseLine(string message) => Emit("VERBOSE: " + message, ConsoleColor.Yellow, true);
        public override void WriteWarningLine(string message) => Emit("WARNING: " + message, ConsoleColor.Yellow, true);
        public override void WriteInformation(InformationRecord record) { }

        /// <summary>Progress is one rewritten line on a terminal and nothing when the output is redirected.</summary>
        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
            if (!Interactive) return;
            lock (_gate)
            {
                if (record.RecordType == ProgressRecordType.Completed)
                {
                    ClearProgress();
                    return;
                }
                string status = record.StatusDescription ?? "";
                string line = record.Activity + ": " + status
                    + (record.PercentComplete >= 0 && status.IndexOf('%') < 0 ? $" ({record.PercentComplete} %)" : "");
                int width = Math.Max(10, _raw.BufferSize.Width - 1);
                if (line.Length > width) line = line.Substring(0, width);
                Console.Out.Write("\r" + line.PadRight(width));
                _progressShown = true;
            }
        }

        /// <summary>Reads a line from stdin; at its end (nothing to answer with) prompting fails instead of guessing.</summary>
        public override string ReadLine()
        {
            lock (_gate) ClearProgress();
            return Console.ReadLine() ?? throw new PromptingException(
                "ComputeShell cannot prompt: standard input has ended. Pass the value as a parameter, or use -Confirm:$false / -WhatIf.");
        }

        public override SecureString ReadLineAsSecureString()
        {
            var s = new SecureString();
            foreach (char c in ReadLine()) s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        {
            if (!string.IsNullOrEmpty(caption)) WriteLine(caption);
            if (!string.IsNullOrEmpty(message)) WriteLine(message);
            var result = new Dictionary<string, PSObject>();
            foreach (var field in descriptions)
            {
                Write(field.Name + ": ");
                bool secure = field.ParameterTypeFullName == typeof(SecureString).FullName;
                result[field.Name] = secure ? PSObject.AsPSObject(ReadLineAsSecureString()) : PSObject.AsPSObject(ReadLine());
            }
            return result;
        }

        /// <summary>Asks on the console; with redirected input (scripts, CI) the default choice is taken.</summary>
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            if (!string.IsNullOrEmpty(caption)) WriteLine(caption);
            if (!string.IsNullOrEmpty(message)) WriteLine(message);
            var labels = new StringBuilder();
            for (int i = 0; i < choices.Count; i++)
            {
                string label = choices[i].Label;
                int amp = label.IndexOf('&');
                string key = amp >= 0 && amp + 1 < label.Length ? label[amp + 1].ToString() : label;
                labels.Append(i == 0 ? "" : "  ").Append('[').Append(key).Append("] ").Append(label.Replace("&", ""));
            }
            string defaultLabel = defaultChoice >= 0 && defaultChoice < choices.Count ? choices[defaultChoice].Label.Replace("&", "") : "";
            WriteLine(labels + (defaultLabel.Length > 0 ? $"  (default is \"{defaultLabel}\")" : ""));
            // Never take the default unasked (for -Confirm it is Yes): with stdin at its end, ReadLine throws.
            while (true)
            {
                Write("Choice: ");
                string answer = ReadLine().Trim();
                if (answer.Length == 0) return Math.Max(0, defaultChoice);
                for (int i = 0; i < choices.Count; i++)
                {
                    string label = choices[i].Label;
                    int amp = label.IndexOf('&');
                    if (label.Replace("&", "").Equals(answer, StringComparison.OrdinalIgnoreCase)
                        || (amp >= 0 && amp + 1 < label.Length && string.Equals(label[amp + 1].ToString(), answer, StringComparison.OrdinalIgnoreCase)))
                    {
                        return i;
                    }
                }
            }
        }

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
            => PromptForCredential(caption, message, userName, targetName, PSCredentialTypes.Default, PSCredentialUIOptions.Default);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
        {
            if (!string.IsNullOrEmpty(message)) WriteLine(message);
            if (string.IsNullOrEmpty(userName))
            {
                Write("User: ");
                userName = ReadLine();
            }
            Write("Password for " + userName + ": ");
            return new PSCredential(userName, ReadLineAsSecureString());
        }
    }

    internal sealed class ConsoleRawUserInterface : PSHostRawUserInterface
    {
        /// <summary>The width Out-Default formats tables to: the terminal's, else COLUMNS, else 120.</summary>
        private static int Width
        {
            get
            {
                try
                {
                    if (!Console.IsOutputRedirected && Console.WindowWidth > 0) return Console.WindowWidth;
                }
                catch (Exception)
                {
                    // no console attached
                }
                return int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int c) && c > 20 ? c : 120;
            }
        }

        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override Size BufferSize { get => new Size(Width, 9999); set { } }
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; } = 25;
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new Size(Width, 50);
        public override Size MaxWindowSize => new Size(Width, 50);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get => new Size(Width, 50); set { } }
        public override string WindowTitle { get; set; } = "ComputeShell";
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("ComputeShell does not read single keys.");
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw new NotSupportedException();
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException();
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException();
    }
}
