using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ComputeModule.Clients
{
    /// <summary>Builds "path?a=1&amp;b=2" with escaped values, skipping the parameters that are not set.</summary>
    internal sealed class QueryString
    {
        private readonly List<KeyValuePair<string, string>> _pairs = new List<KeyValuePair<string, string>>();

        /// <summary>Adds <paramref name="name"/>=<paramref name="value"/> unless the value is null or empty.</summary>
        public QueryString Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) _pairs.Add(new KeyValuePair<string, string>(name, value!));
            return this;
        }

        /// <summary>Adds an integer parameter when it has a value.</summary>
        public QueryString Add(string name, int? value)
            => value.HasValue ? Add(name, value.Value.ToString(CultureInfo.InvariantCulture)) : this;

        /// <summary>Adds a timestamp as ISO 8601 UTC (<c>2011-01-24T17:08:00Z</c>); a DateTime of unspecified kind counts as local time, as in PowerShell.</summary>
        public QueryString Add(string name, DateTime? value)
            => value.HasValue ? Add(name, FormatTimestamp(value.Value)) : this;

        /// <summary>The path followed by the query (no '?' when nothing was added).</summary>
        public string AppendTo(string path)
        {
            if (_pairs.Count == 0) return path;
            var sb = new StringBuilder(path);
            sb.Append(path.IndexOf('?') >= 0 ? '&' : '?');
            for (int i = 0; i < _pairs.Count; i++)
            {
                if (i > 0) sb.Append('&');
                sb.Append(Uri.EscapeDataString(_pairs[i].Key)).Append('=').Append(Uri.EscapeDataString(_pairs[i].Value));
            }
            return sb.ToString();
        }

        /// <summary>ISO 8601 in UTC, the form changes-since expects.</summary>
        public static string FormatTimestamp(DateTime value)
        {
            var utc = value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
            return utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        /// <summary>Escapes one path segment (an id or a metadata key).</summary>
        public static string Segment(string value) => Uri.EscapeDataString(value);
    }
}
