using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;

namespace ComputeEmulator;

/// <summary>Maps <c>--kebab-case value</c> arguments onto <see cref="EmulatorOptions"/>; leaves the rest (e.g. --urls) alone.</summary>
internal static class OptionsParser
{
    public static EmulatorOptions Parse(string[] args, out List<string> rest)
    {
        var options = new EmulatorOptions();
        rest = new List<string>();
        var properties = typeof(EmulatorOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(p => Kebab(p.Name), StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                rest.Add(arg);
                continue;
            }
            string name = arg[2..];
            string? inline = null;
            int eq = name.IndexOf('=');
            if (eq >= 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }
            if (!properties.TryGetValue(name, out var property))
            {
                rest.Add(arg);
                if (inline is null && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    rest.Add(args[++i]);
                }
                continue;
            }
            string value;
            if (inline is not null) value = inline;
            else if (property.PropertyType == typeof(bool) && (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))) value = "true";
            else if (i + 1 < args.Length) value = args[++i];
            else throw new ArgumentException($"Option --{name} needs a value.");
            property.SetValue(options, Convert(property.PropertyType, value, name));
        }
        return options;
    }

    public static string Kebab(string pascal)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < pascal.Length; i++)
        {
            char c = pascal[i];
            if (char.IsUpper(c) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    public static string Help()
    {
        var sb = new StringBuilder("ComputeEmulator options (besides ASP.NET Core's --urls):\n");
        foreach (var p in typeof(EmulatorOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            sb.Append("  --").Append(Kebab(p.Name)).Append(" <").Append(p.PropertyType.Name).Append(">\n");
        }
        return sb.ToString();
    }

    private static object Convert(Type type, string value, string name)
    {
        try
        {
            if (type == typeof(string)) return value;
            if (type == typeof(int)) return int.Parse(value, CultureInfo.InvariantCulture);
            if (type == typeof(bool)) return bool.Parse(value);
            if (type == typeof(string[])) return value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (type == typeof(TimeSpan)) return ParseDuration(value);
            if (type.IsEnum) return Enum.Parse(type, value, ignoreCase: true);
            if (type == typeof(Dictionary<string, int>))
            {
                var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                foreach (var pair in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var kv = pair.Split('=', 2);
                    map[kv[0].ToUpperInvariant()] = int.Parse(kv[1], CultureInfo.InvariantCulture);
                }
                return map;
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or IndexOutOfRangeException)
        {
            throw new ArgumentException($"Bad value '{value}' for --{name}: {e.Message}", e);
        }
        throw new ArgumentException($"Option --{name} has an unsupported type.");
    }

    /// <summary>"2.5" or "2.5s" = seconds, "300ms", "5m", "1h", or a TimeSpan such as 00:00:02.</summary>
    public static TimeSpan ParseDuration(string value)
    {
        value = value.Trim();
        if (value.EndsWith("ms", StringComparison.OrdinalIgnoreCase))
            return TimeSpan.FromMilliseconds(double.Parse(value[..^2], CultureInfo.InvariantCulture));
        if (value.EndsWith('s')) return TimeSpan.FromSeconds(double.Parse(value[..^1], CultureInfo.InvariantCulture));
        if (value.EndsWith('m')) return TimeSpan.FromMinutes(double.Parse(value[..^1], CultureInfo.InvariantCulture));
        if (value.EndsWith('h')) return TimeSpan.FromHours(double.Parse(value[..^1], CultureInfo.InvariantCulture));
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)) return TimeSpan.FromSeconds(seconds);
        return TimeSpan.Parse(value, CultureInfo.InvariantCulture);
    }
}
