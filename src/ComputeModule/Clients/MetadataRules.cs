using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ComputeModule.Clients
{
    /// <summary>Image metadata refused before anything is sent (empty key, over 255 characters, a value that is not a string).</summary>
    public sealed class InvalidMetadataException : ArgumentException
    {
        /// <summary>Creates the exception.</summary>
        public InvalidMetadataException(string message, string? key) : base(message, "Metadata")
        {
            Key = key;
        }

        /// <summary>The offending key, when there is one.</summary>
        public string? Key { get; }
    }

    /// <summary>More metadata items than the cloud allows (<c>maxImageMeta</c>, 128 by default).</summary>
    public sealed class MetadataLimitExceededException : InvalidOperationException
    {
        /// <summary>Creates the exception.</summary>
        public MetadataLimitExceededException(string message, int count, int limit) : base(message)
        {
            Count = count;
            Limit = limit;
        }

        /// <summary>How many items the image would have.</summary>
        public int Count { get; }

        /// <summary>The cloud's limit.</summary>
        public int Limit { get; }
    }

    /// <summary>The checks Nova applies to image metadata, applied before sending so bad input fails early and clearly.</summary>
    internal static class MetadataRules
    {
        /// <summary>Nova's maximum length of a key and of a value.</summary>
        public const int MaxLength = 255;

        /// <summary>
        /// Turns a hashtable into string pairs, or throws <see cref="InvalidMetadataException"/>. Keys must be non-empty;
        /// keys and values at most 255 characters; values are strings or scalars (numbers, booleans: written invariantly),
        /// not null and not collections. Empty values are allowed (Nova stores them).
        /// <paramref name="unwrap"/> turns PowerShell wrappers into their base objects.
        /// </summary>
        public static Dictionary<string, string> Normalize(IDictionary? metadata, Func<object?, object?> unwrap)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (metadata == null) return result;
            foreach (DictionaryEntry entry in metadata)
            {
                var rawKey = unwrap(entry.Key);
                if (!(rawKey is string key))
                {
                    throw new InvalidMetadataException($"Metadata key '{rawKey}' is not a string.", rawKey?.ToString());
                }
                if (key.Trim().Length == 0) throw new InvalidMetadataException("Metadata keys must not be empty.", key);
                if (key.Length > MaxLength)
                {
                    throw new InvalidMetadataException($"Metadata key '{Shorten(key)}' is {key.Length} characters long; the limit is {MaxLength}.", key);
                }
                string value = ValueToString(key, unwrap(entry.Value));
                if (value.Length > MaxLength)
                {
                    throw new InvalidMetadataException($"The value of metadata key '{key}' is {value.Length} characters long; the limit is {MaxLength}.", key);
                }
                if (result.ContainsKey(key)) throw new InvalidMetadataException($"Metadata key '{key}' is given twice.", key);
                result.Add(key, value);
            }
            return result;
        }

        /// <summary>Throws <see cref="MetadataLimitExceededException"/> when <paramref name="count"/> items exceed <paramref name="limit"/>.</summary>
        public static void CheckCount(string imageId, int count, int limit, bool replace)
        {
            if (count <= limit) return;
            string how = replace ? "The new metadata set has" : "Merged with the existing items, the image would have";
            throw new MetadataLimitExceededException(
                $"{how} {count} items; image {imageId} may have at most {limit} (maxImageMeta). Nothing was changed.", count, limit);
        }

        /// <summary>How many items a merge leaves: the existing keys plus the new ones.</summary>
        public static int MergedCount(IEnumerable<string> existingKeys, IEnumerable<string> newKeys)
            => new HashSet<string>(existingKeys, StringComparer.Ordinal).Union(newKeys, StringComparer.Ordinal).Count();

        private static string ValueToString(string key, object? value)
        {
            switch (value)
            {
                case null:
                    throw new InvalidMetadataException($"The value of metadata key '{key}' is null; use an empty string or remove the key.", key);
                case string s:
                    return s;
                case bool b:
                    return b ? "true" : "false";
                case IFormattable f when IsScalar(value):
                    return f.ToString(null, CultureInfo.InvariantCulture);
                case char c:
                    return c.ToString();
                default:
                    throw new InvalidMetadataException($"The value of metadata key '{key}' is a {value.GetType().Name}; values must be strings.", key);
            }
        }

        private static bool IsScalar(object value)
            => value is byte || value is sbyte || value is short || value is ushort || value is int || value is uint
               || value is long || value is ulong || value is float || value is double || value is decimal
               || value is Guid || value is DateTime || value is DateTimeOffset || value is Enum;

        private static string Shorten(string s) => s.Length <= 40 ? s : s.Substring(0, 37) + "...";
    }
}
