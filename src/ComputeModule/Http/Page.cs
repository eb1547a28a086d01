using System;
using System.Collections.Generic;

namespace ComputeModule.Http
{
    /// <summary>One page of a Nova collection; <see cref="NextMarker"/> is null on the last page.</summary>
    internal sealed record Page<T>(IReadOnlyList<T> Items, string? NextMarker);

    /// <summary>Helpers for Nova's limit/marker paging.</summary>
    internal static class Paging
    {
        /// <summary>The marker of a rel=next href (<c>.../servers/detail?limit=2&amp;marker=abc</c> -> abc); null when there is none.</summary>
        public static string? MarkerFromHref(string? href)
        {
            if (string.IsNullOrEmpty(href)) return null;
            int q = href!.IndexOf('?');
            if (q < 0) return null;
            string query = href.Substring(q + 1);
            int hash = query.IndexOf('#');
            if (hash >= 0) query = query.Substring(0, hash);
            foreach (var pair in query.Split('&'))
            {
                int eq = pair.IndexOf('=');
                string name = eq < 0 ? pair : pair.Substring(0, eq);
                if (!string.Equals(Uri.UnescapeDataString(name), "marker", StringComparison.Ordinal)) continue;
                string value = eq < 0 ? string.Empty : pair.Substring(eq + 1);
                value = Uri.UnescapeDataString(value.Replace('+', ' '));
                return value.Length == 0 ? null : value;
            }
            return null;
        }
    }
}
