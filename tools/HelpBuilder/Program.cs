// HelpBuilder: turns platyPS-style markdown pages (docs/cmdlets/*.md) into the MAML file that
// PowerShell's Get-Help reads for binary cmdlets (en-US/<Assembly>.dll-Help.xml).
// Used when PlatyPS is not installed (always, in the dotnet build); see src/ComputeModule/Help.targets.
//
// Usage: HelpBuilder <markdown folder> <output .xml file>
// Parsing is lenient: a malformed section produces a warning, not a failed build.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using HelpBuilder;

if (args.Length != 2 || args[0] is "-h" or "--help" or "-?")
{
    Console.Error.WriteLine("usage: HelpBuilder <markdown folder> <output MAML file>");
    return args.Length == 1 && args[0] is "-h" or "--help" or "-?" ? 0 : 2;
}

string source = args[0], output = args[1];
if (!Directory.Exists(source))
{
    Console.Error.WriteLine($"HelpBuilder: error: markdown folder '{source}' does not exist");
    return 1;
}

var pages = new List<CommandPage>();
var abouts = new List<string>();
foreach (string file in Directory.GetFiles(source, "*.md").OrderBy(f => f, StringComparer.Ordinal))
{
    string name = Path.GetFileNameWithoutExtension(file);
    if (name.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
    {
        abouts.Add(file); // conceptual topics become about_*.help.txt beside the MAML
        continue;
    }
    if (!name.Contains('-'))
    {
        continue; // index pages are not command help
    }
    var page = MarkdownReader.Read(file, File.ReadAllText(file), msg => Console.Error.WriteLine($"{file}: warning: {msg}"));
    if (page != null)
    {
        pages.Add(page);
    }
}

string? dir = Path.GetDirectoryName(Path.GetFullPath(output));
if (dir != null)
{
    Directory.CreateDirectory(dir);
}
// Write to a temporary file then move, so a reader never sees half a file.
string temp = output + ".tmp";
using (var writer = XmlWriter.Create(temp, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
{
    MamlWriter.Write(writer, pages);
}
File.Move(temp, output, overwrite: true);
foreach (string about in abouts)
{
    string target = Path.Combine(dir ?? ".", Path.GetFileNameWithoutExtension(about) + ".help.txt");
    File.WriteAllText(target, AboutWriter.ToText(File.ReadAllText(about)), new UTF8Encoding(false));
}
Console.WriteLine($"HelpBuilder: {pages.Count} command(s), {abouts.Count} about topic(s) -> {output}");
return 0;

namespace HelpBuilder
{
    /// <summary>One cmdlet's help as read from its markdown page.</summary>
    internal sealed class CommandPage
    {
        public string Name = "";
        public string OnlineVersion = "";
        public List<string> Synopsis = new();
        public List<string> Description = new();
        public List<(string Name, bool IsDefault)> SyntaxSets = new();
        public List<Example> Examples = new();
        public List<Parameter> Parameters = new();
        public List<(string Type, List<string> Text)> Inputs = new();
        public List<(string Type, List<string> Text)> Outputs = new();
        public List<string> Notes = new();
        public List<(string Text, string Uri)> Links = new();
    }

    internal sealed class Example
    {
        public string Title = "";
        public List<string> Code = new();
        public List<string> Remarks = new();
    }

    internal sealed class Parameter
    {
        public string Name = "";
        public List<string> Description = new();
        /// <summary>One entry per yaml block; platyPS writes several when the attributes differ per set.</summary>
        public List<Dictionary<string, string>> Blocks = new();

        public string Get(string key, string fallback = "")
        {
            foreach (var b in Blocks)
            {
                if (b.TryGetValue(key, out var v) && v.Length > 0) return v;
            }
            return fallback;
        }

        /// <summary>The yaml block that applies to a parameter set (or null when the parameter is not in it).</summary>
        public Dictionary<string, string>? ForSet(string set)
        {
            foreach (var b in Blocks)
            {
                var sets = (b.TryGetValue("Parameter Sets", out var s) ? s : "(All)")
                    .Split(',').Select(x => x.Trim()).ToList();
                if (sets.Contains("(All)") || sets.Contains(set, StringComparer.OrdinalIgnoreCase)) return b;
            }
            return null;
        }
    }

    /// <summary>A line-oriented reader of platyPS's markdown layout (schema 2.0.0).</summary>
    internal static class MarkdownReader
    {
        public static CommandPage? Read(string file, string text, Action<string> warn)
        {
            var lines = text.Replace("\r\n", "\n").Split('\n');
            var page = new CommandPage { Name = Path.GetFileNameWithoutExtension(file) };
            int i = 0;
            if (lines.Length > 0 && lines[0].Trim() == "---")
            {
                for (i = 1; i < lines.Length && lines[i].Trim() != "---"; i++)
                {
                    int colon = lines[i].IndexOf(':');
                    if (colon > 0 && lines[i].Substring(0, colon).Trim().Equals("online version", StringComparison.OrdinalIgnoreCase))
                    {
                        page.OnlineVersion = lines[i].Substring(colon + 1).Trim();
                    }
                }
                i++;
            }

            string h2 = "";
            string h3 = "";
            var block = new List<string>(); // lines of the current h2/h3 body
            void Flush()
            {
                Apply(page, h2, h3, block, warn);
                block.Clear();
            }

            bool inFence = false;
            for (; i < lines.Length; i++)
            {
                string line = lines[i];
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
                if (!inFence && line.StartsWith("# ", StringComparison.Ordinal))
                {
                    Flush();
                    page.Name = line.Substring(2).Trim();
                    h2 = h3 = "";
                }
                else if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
                {
                    Flush();
                    h2 = line.Substring(3).Trim().ToUpperInvariant();
                    h3 = "";
                }
                else if (!inFence && line.StartsWith("### ", StringComparison.Ordinal))
                {
                    Flush();
                    h3 = line.Substring(4).Trim();
                }
                else
                {
                    block.Add(line);
                }
            }
            Flush();
            if (page.Synopsis.Count == 0) warn("no SYNOPSIS");
            if (page.Examples.Count == 0) warn("no EXAMPLES");
            return page;
        }

        private static void Apply(CommandPage page, string h2, string h3, List<string> body, Action<string> warn)
        {
            switch (h2)
            {
                case "SYNOPSIS":
                    page.Synopsis.AddRange(Paragraphs(body));
                    break;
                case "SYNTAX":
                    if (h3.Length > 0)
                    {
                        bool isDefault = h3.EndsWith("(Default)", StringComparison.OrdinalIgnoreCase);
                        string name = isDefault ? h3.Substring(0, h3.Length - "(Default)".Length).Trim() : h3;
                        page.SyntaxSets.Add((name, isDefault));
                    }
                    break;
                case "DESCRIPTION":
                    page.Description.AddRange(Paragraphs(body));
                    break;
                case "EXAMPLES":
                    if (h3.Length == 0) break;
                    var ex = new Example { Title = h3 };
                    var (code, rest) = SplitFences(body, fence => fence is "" or "powershell" or "ps" or "pwsh" or "ps1");
                    ex.Code.AddRange(code);
                    ex.Remarks.AddRange(Paragraphs(rest));
                    if (ex.Code.Count == 0) warn($"example '{h3}' has no code block");
                    page.Examples.Add(ex);
                    break;
                case "PARAMETERS":
                    if (h3.Length == 0) break;
                    if (h3.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase)) break;
                    if (!h3.StartsWith("-", StringComparison.Ordinal))
                    {
                        warn($"parameter heading '{h3}' does not start with '-'");
                        break;
                    }
                    var p = new Parameter { Name = h3.Substring(1).Trim() };
                    var (yaml, text) = SplitFences(body, fence => fence == "yaml", keepBlocksSeparate: true);
                    p.Description.AddRange(Paragraphs(text));
                    foreach (var y in yaml)
                    {
                        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                        foreach (var l in y.Split('\n'))
                        {
                            int c = l.IndexOf(':');
                            if (c > 0) d[l.Substring(0, c).Trim()] = l.Substring(c + 1).Trim();
                        }
                        p.Blocks.Add(d);
                    }
                    if (p.Blocks.Count == 0) warn($"parameter -{p.Name} has no yaml block");
                    page.Parameters.Add(p);
                    break;
                case "INPUTS":
                case "OUTPUTS":
                    if (h3.Length == 0) break;
                    (h2 == "INPUTS" ? page.Inputs : page.Outputs).Add((h3, Paragraphs(body)));
                    break;
                case "NOTES":
                    page.Notes.AddRange(Paragraphs(body));
                    break;
                case "RELATED LINKS":
                    foreach (var l in body)
                    {
                        string t = l.Trim().TrimStart('-', '*').Trim();
                        if (t.Length == 0) continue;
                        int close = t.IndexOf("](", StringComparison.Ordinal);
                        if (t.StartsWith("[", StringComparison.Ordinal) && close > 0 && t.EndsWith(")", StringComparison.Ordinal))
                        {
                            string uri = t.Substring(close + 2, t.Length - close - 3).Trim();
                            // Links to sibling pages (Get-ComputeImage.md) are names for Get-Help, not URIs.
                            if (uri.EndsWith(".md", StringComparison.OrdinalIgnoreCase)) uri = "";
                            page.Links.Add((t.Substring(1, close - 1), uri));
                        }
                        else
                        {
                            page.Links.Add((t, ""));
                        }
                    }
                    break;
                case "":
                    break;
                default:
                    // ALIASES and unknown sections are not part of MAML.
                    break;
            }
        }

        /// <summary>Splits a body into the contents of matching fenced blocks and the remaining lines.</summary>
        private static (List<string> Blocks, List<string> Others) SplitFences(List<string> body, Func<string, bool> match, bool keepBlocksSeparate = false)
        {
            var blocks = new List<string>();
            var rest = new List<string>();
            List<string>? current = null;
            bool otherFence = false;
            foreach (var line in body)
            {
                string t = line.TrimStart();
                if (t.StartsWith("```", StringComparison.Ordinal))
                {
                    string lang = t.Substring(3).Trim().ToLowerInvariant();
                    if (current != null)
                    {
                        blocks.Add(string.Join("\n", current).Trim('\n'));
                        current = null;
                    }
                    else if (otherFence)
                    {
                        otherFence = false;
                        rest.Add(line);
                    }
                    else if (match(lang))
                    {
                        current = new List<string>();
                    }
                    else
                    {
                        otherFence = true;
                        rest.Add(line);
                    }
                    continue;
                }
                if (current != null) current.Add(line);
                else rest.Add(line);
            }
            if (current != null) blocks.Add(string.Join("\n", current).Trim('\n'));
            if (!keepBlocksSeparate && blocks.Count > 1)
            {
                blocks = new List<string> { string.Join("\n\n", blocks) };
            }
            return (blocks, rest);
        }

        /// <summary>Markdown body -> plain paragraphs: blank lines split, list items and code blocks stay whole.</summary>
        public static List<string> Paragraphs(List<string> body)
        {
            var result = new List<string>();
            var current = new StringBuilder();
            bool inFence = false;
            void End()
            {
                if (current.Length > 0) result.Add(current.ToString().TrimEnd());
                current.Clear();
            }
            foreach (var raw in body)
            {
                string line = raw.TrimEnd();
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    End();
                    inFence = !inFence;
                    continue;
                }
                if (inFence)
                {
                    // Code inside prose is kept verbatim, indented, one paragraph per line.
                    result.Add("    " + line);
                    continue;
                }
                if (line.Trim().Length == 0)
                {
                    End();
                    continue;
                }
                string t = line.Trim();
                bool listItem = t.StartsWith("- ", StringComparison.Ordinal) || t.StartsWith("* ", StringComparison.Ordinal)
                    || (t.Length > 2 && char.IsDigit(t[0]) && t.IndexOf(". ", StringComparison.Ordinal) is > 0 and < 4);
                if (listItem)
                {
                    End();
                    current.Append(t.StartsWith("* ", StringComparison.Ordinal) ? "- " + t.Substring(2) : t);
                    continue;
                }
                if (current.Length > 0) current.Append(' ');
                current.Append(t);
            }
            End();
            // Code lines (indented) keep their backticks: in PowerShell they are line continuations.
            return result.Select(p => p.StartsWith("    ", StringComparison.Ordinal) ? p : Inline(p)).Where(p => p.Length > 0).ToList();
        }

        /// <summary>Strips the inline markdown Get-Help cannot show: emphasis, code ticks, link syntax, escapes.</summary>
        public static string Inline(string s)
        {
            var sb = new StringBuilder(s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '\\' && i + 1 < s.Length && "\\`*_{}[]()#+-.!<>|".IndexOf(s[i + 1]) >= 0)
                {
                    sb.Append(s[++i]);
                }
                else if (c == '`')
                {
                    // drop code ticks
                }
                else if (c == '*' && i + 1 < s.Length && s[i + 1] == '*')
                {
                    i++; // drop bold markers
                }
                else if (c == '[')
                {
                    int close = s.IndexOf("](", i, StringComparison.Ordinal);
                    int end = close > 0 ? s.IndexOf(')', close) : -1;
                    if (close > 0 && end > 0 && s.IndexOf('\n', i, close - i) < 0)
                    {
                        string text = s.Substring(i + 1, close - i - 1);
                        string uri = s.Substring(close + 2, end - close - 2);
                        sb.Append(text);
                        if (uri.StartsWith("http", StringComparison.OrdinalIgnoreCase) && uri != text) sb.Append(" (").Append(uri).Append(')');
                        i = end;
                    }
                    else
                    {
                        sb.Append(c);
                    }
                }
                else
                {
                    sb.Append(c);
                }
            }
            return sb.ToString();
        }
    }

    /// <summary>
    /// platyPS about-topic markdown (# TOPIC-LIKE HEADINGS, prose, fenced examples) -> the plain-text
    /// about_*.help.txt layout: headings flush left in capitals, text indented 4 and wrapped at 80, code indented 8.
    /// </summary>
    internal static class AboutWriter
    {
        public static string ToText(string markdown)
        {
            var sb = new StringBuilder();
            var lines = markdown.Replace("\r\n", "\n").Split('\n');
            int i = 0;
            if (lines.Length > 0 && lines[0].Trim() == "---")
            {
                for (i = 1; i < lines.Length && lines[i].Trim() != "---"; i++) { }
                i++;
            }
            var body = new List<string>();
            void Flush()
            {
                var paras = MarkdownReader.Paragraphs(body);
                for (int p = 0; p < paras.Count; p++)
                {
                    string para = paras[p];
                    string next = p + 1 < paras.Count ? paras[p + 1] : "";
                    bool code = para.StartsWith("    ", StringComparison.Ordinal);
                    bool item = para.StartsWith("- ", StringComparison.Ordinal);
                    if (code) sb.Append("    ").AppendLine(para.TrimEnd());
                    else Wrap(sb, para, "    ", item ? "      " : "    ");
                    // Lines of one code block, and items of one list, stay together.
                    bool together = (code && next.StartsWith("    ", StringComparison.Ordinal))
                        || (item && next.StartsWith("- ", StringComparison.Ordinal));
                    if (!together) sb.AppendLine();
                }
                body.Clear();
            }
            bool inFence = false;
            for (; i < lines.Length; i++)
            {
                string line = lines[i];
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
                if (!inFence && line.StartsWith("#", StringComparison.Ordinal))
                {
                    Flush();
                    string heading = line.TrimStart('#').Trim();
                    // platyPS puts "## about_Name" under "# Module": the topic line.
                    if (heading.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
                    {
                        sb.AppendLine("TOPIC").Append("    ").AppendLine(heading).AppendLine();
                    }
                    else if (line.StartsWith("# ", StringComparison.Ordinal) && heading.ToUpperInvariant() == heading)
                    {
                        sb.AppendLine(heading);
                    }
                    else if (!line.StartsWith("# ", StringComparison.Ordinal))
                    {
                        sb.Append("  ").AppendLine(heading.ToUpperInvariant());
                    }
                    continue;
                }
                body.Add(line);
            }
            Flush();
            return sb.ToString().TrimEnd() + Environment.NewLine;
        }

        private static void Wrap(StringBuilder sb, string text, string first, string rest)
        {
            const int width = 80;
            var line = new StringBuilder(first);
            bool empty = true;
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!empty && line.Length + 1 + word.Length > width)
                {
                    sb.AppendLine(line.ToString());
                    line.Clear().Append(rest);
                    empty = true;
                }
                if (!empty) line.Append(' ');
                line.Append(word);
                empty = false;
            }
            if (!empty) sb.AppendLine(line.ToString());
        }
    }

    /// <summary>Writes command pages as MAML, the layout New-ExternalHelp produces.</summary>
    internal static class MamlWriter
    {
        private const string Msh = "http://msh";
        private const string Maml = "http://schemas.microsoft.com/maml/2004/10";
        private const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        public static void Write(XmlWriter w, List<CommandPage> pages)
        {
            w.WriteStartDocument();
            w.WriteStartElement("helpItems", Msh);
            w.WriteAttributeString("schema", "maml");
            foreach (var page in pages)
            {
                WriteCommand(w, page);
            }
            w.WriteEndElement();
            w.WriteEndDocument();
        }

        private static void WriteCommand(XmlWriter w, CommandPage page)
        {
            w.WriteStartElement("command", "command", Command);
            w.WriteAttributeString("xmlns", "maml", null, Maml);
            w.WriteAttributeString("xmlns", "command", null, Command);
            w.WriteAttributeString("xmlns", "dev", null, Dev);

            int dash = page.Name.IndexOf('-');
            w.WriteStartElement("command", "details", Command);
            w.WriteElementString("command", "name", Command, page.Name);
            w.WriteElementString("command", "verb", Command, dash > 0 ? page.Name.Substring(0, dash) : page.Name);
            w.WriteElementString("command", "noun", Command, dash > 0 ? page.Name.Substring(dash + 1) : "");
            Description(w, page.Synopsis);
            w.WriteEndElement();

            Description(w, page.Description);

            // Syntax: one item per parameter set, built from the parameters' metadata as platyPS does.
            var sets = page.SyntaxSets.Select(s => s.Name).ToList();
            if (sets.Count == 0)
            {
                sets = page.Parameters.SelectMany(p => p.Blocks)
                    .SelectMany(b => (b.TryGetValue("Parameter Sets", out var s) ? s : "(All)").Split(','))
                    .Select(s => s.Trim()).Where(s => s != "(All)" && s.Length > 0).Distinct().ToList();
                if (sets.Count == 0) sets.Add("(All)");
            }
            w.WriteStartElement("command", "syntax", Command);
            foreach (var set in sets)
            {
                w.WriteStartElement("command", "syntaxItem", Command);
                w.WriteElementString("maml", "name", Maml, page.Name);
                var inSet = page.Parameters
                    .Select((p, index) => (p, index, b: p.ForSet(set)))
                    .Where(x => x.b != null)
                    // As Get-Command -Syntax: positional first, then mandatory, then optional, -WhatIf/-Confirm last.
                    .OrderBy(x => int.TryParse(x.b!.GetValueOrDefault("Position"), out int pos) ? pos : int.MaxValue)
                    .ThenBy(x => x.p.Name is "WhatIf" or "Confirm" ? 2 : Bool(x.b!.GetValueOrDefault("Required") ?? "") == "true" ? 0 : 1)
                    .ThenBy(x => x.index);
                foreach (var (p, _, b) in inSet)
                {
                    WriteParameter(w, p, b!, inSyntax: true);
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();

            w.WriteStartElement("command", "parameters", Command);
            foreach (var p in page.Parameters)
            {
                WriteParameter(w, p, p.Blocks.FirstOrDefault() ?? new Dictionary<string, string>(), inSyntax: false);
            }
            w.WriteEndElement();

            TypeList(w, "inputTypes", "inputType", page.Inputs);
            TypeList(w, "returnValues", "returnValue", page.Outputs);

            w.WriteStartElement("maml", "alertSet", Maml);
            w.WriteStartElement("maml", "alert", Maml);
            foreach (var para in page.Notes) w.WriteElementString("maml", "para", Maml, para);
            w.WriteEndElement();
            w.WriteEndElement();

            w.WriteStartElement("command", "examples", Command);
            foreach (var ex in page.Examples)
            {
                w.WriteStartElement("command", "example", Command);
                w.WriteElementString("maml", "title", Maml, $"-------------------------- {ex.Title} --------------------------");
                w.WriteElementString("dev", "code", Dev, string.Join("\n", ex.Code));
                w.WriteStartElement("dev", "remarks", Dev);
                foreach (var para in ex.Remarks) w.WriteElementString("maml", "para", Maml, para);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();

            w.WriteStartElement("command", "relatedLinks", Command);
            if (page.OnlineVersion.Length > 0)
            {
                Link(w, "Online Version:", page.OnlineVersion);
            }
            foreach (var (text, uri) in page.Links)
            {
                if (uri.Length > 0 && uri == page.OnlineVersion) continue;
                Link(w, text, uri);
            }
            w.WriteEndElement();

            w.WriteEndElement();
        }

        private static void WriteParameter(XmlWriter w, Parameter p, Dictionary<string, string> b, bool inSyntax)
        {
            string type = p.Get("Type", "Object");
            bool isSwitch = type.EndsWith("SwitchParameter", StringComparison.OrdinalIgnoreCase);
            string position = b.GetValueOrDefault("Position") ?? p.Get("Position", "Named");
            string aliases = p.Get("Aliases", "None");
            w.WriteStartElement("command", "parameter", Command);
            w.WriteAttributeString("required", Bool(b.GetValueOrDefault("Required") ?? p.Get("Required", "False")));
            w.WriteAttributeString("variableLength", type.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false");
            w.WriteAttributeString("globbing", Bool(p.Get("Accept wildcard characters", "False")));
            w.WriteAttributeString("pipelineInput", b.GetValueOrDefault("Accept pipeline input") ?? p.Get("Accept pipeline input", "False"));
            w.WriteAttributeString("position", position.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "named" : position);
            w.WriteAttributeString("aliases", aliases.Length == 0 ? "none" : aliases);
            w.WriteElementString("maml", "name", Maml, p.Name);
            Description(w, p.Description);
            var accepted = p.Get("Accepted values").Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
            if (inSyntax && accepted.Count > 0)
            {
                // Get-Help shows these as -Type {Base | Snapshot}.
                w.WriteStartElement("command", "parameterValueGroup", Command);
                foreach (var value in accepted)
                {
                    w.WriteStartElement("command", "parameterValue", Command);
                    w.WriteAttributeString("required", "false");
                    w.WriteAttributeString("command", "variableLength", Command, "false");
                    w.WriteString(value);
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            else if (!isSwitch || !inSyntax)
            {
                w.WriteStartElement("command", "parameterValue", Command);
                w.WriteAttributeString("required", isSwitch ? "false" : "true");
                w.WriteAttributeString("variableLength", "false");
                w.WriteString(ShortType(type));
                w.WriteEndElement();
            }
            w.WriteStartElement("dev", "type", Dev);
            w.WriteElementString("maml", "name", Maml, type);
            w.WriteElementString("maml", "uri", Maml, "");
            w.WriteEndElement();
            string def = p.Get("Default value", "None");
            w.WriteElementString("dev", "defaultValue", Dev, def.Length == 0 ? "None" : def);
            w.WriteEndElement();
        }

        /// <summary>Get-Help shows the parameter value type the way Get-Command -Syntax does: short names.</summary>
        private static string ShortType(string type)
        {
            int dot = type.LastIndexOf('.');
            return dot >= 0 && type.IndexOf('<') < 0 ? type.Substring(dot + 1) : type;
        }

        private static string Bool(string s) => s.StartsWith("true", StringComparison.OrdinalIgnoreCase) ? "true" : "false";

        private static void Description(XmlWriter w, List<string> paragraphs)
        {
            w.WriteStartElement("maml", "description", Maml);
            foreach (var para in paragraphs) w.WriteElementString("maml", "para", Maml, para);
            w.WriteEndElement();
        }

        private static void TypeList(XmlWriter w, string outer, string inner, List<(string Type, List<string> Text)> items)
        {
            w.WriteStartElement("command", outer, Command);
            foreach (var (type, text) in items)
            {
                w.WriteStartElement("command", inner, Command);
                w.WriteStartElement("dev", "type", Dev);
                w.WriteElementString("maml", "name", Maml, type);
                w.WriteEndElement();
                Description(w, text);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }

        private static void Link(XmlWriter w, string text, string uri)
        {
            w.WriteStartElement("maml", "navigationLink", Maml);
            w.WriteElementString("maml", "linkText", Maml, text);
            w.WriteElementString("maml", "uri", Maml, uri);
            w.WriteEndElement();
        }
    }
}
