using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComputeModule.Wire
{
    /// <summary>Reads a JSON string, number or boolean as a string: HP Cloud v1.1 sends ids as numbers ("id": 294393).</summary>
    internal sealed class LenientStringConverter : JsonConverter<string?>
    {
        public override bool HandleNull => true;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => LenientJson.ReadScalar(ref reader);

        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
        {
            if (value == null) writer.WriteNullValue();
            else writer.WriteStringValue(value);
        }
    }

    /// <summary>Reads an int from a number or a numeric string; anything else (null, "", "n/a") is null.</summary>
    internal sealed class LenientInt32Converter : JsonConverter<int?>
    {
        public override bool HandleNull => true;

        public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    if (reader.TryGetInt32(out int i)) return i;
                    if (reader.TryGetDouble(out double d) && d >= int.MinValue && d <= int.MaxValue) return (int)Math.Round(d);
                    return null;
                case JsonTokenType.String:
                    string? s = reader.GetString();
                    if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed)) return parsed;
                    if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double pd) && pd >= int.MinValue && pd <= int.MaxValue) return (int)Math.Round(pd);
                    return null;
                default:
                    LenientJson.Skip(ref reader);
                    return null;
            }
        }

        public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
        {
            if (value.HasValue) writer.WriteNumberValue(value.Value);
            else writer.WriteNullValue();
        }
    }

    /// <summary>
    /// Reads ISO 8601 timestamps. Nova writes "2026-11-23T02:51:05Z" but also zone-less values
    /// ("2026-11-23T02:51:05.000000"); per the API reference (3.7) a missing zone means UTC.
    /// </summary>
    internal sealed class LenientDateConverter : JsonConverter<DateTimeOffset?>
    {
        public override bool HandleNull => true;

        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                LenientJson.Skip(ref reader);
                return null;
            }
            // What Nova sends for nearly every timestamp takes the reader's own ISO parser, without a string: a listing
            // has two per server. Every other shape (no zone, an offset, odd spacing) takes the lenient parse.
            if (IsPlainUtc(ref reader) && reader.TryGetDateTimeOffset(out var utc)) return utc;
            return LenientJson.ParseDate(reader.GetString());
        }

        /// <summary>
        /// True for <c>yyyy-MM-ddTHH:mm:ssZ</c> and <c>yyyy-MM-ddTHH:mm:ss.fZ</c> to <c>.fffffffZ</c>: the shapes where the reader's
        /// ISO parser and <see cref="LenientJson.ParseDate"/> agree to the tick (both UTC, no rounding of extra digits, no leap second).
        /// </summary>
        private static bool IsPlainUtc(ref Utf8JsonReader reader)
        {
            if (reader.HasValueSequence || reader.ValueIsEscaped) return false;
            var text = reader.ValueSpan;
            int length = text.Length;
            if (length != 20 && (length < 22 || length > 28)) return false;
            if (text[length - 1] != (byte)'Z' || text[10] != (byte)'T' || text[13] != (byte)':' || text[16] != (byte)':') return false;
            if (text[17] > (byte)'5') return false;
            return length == 20 || text[19] == (byte)'.';
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
        {
            if (value.HasValue) writer.WriteStringValue(value.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            else writer.WriteNullValue();
        }
    }

    /// <summary>
    /// Reads <c>addresses</c> (network name -> entries) straight into the addresses of each network, in order. Entries are
    /// <c>{"addr": "10.0.0.5", "version": 4}</c> (Nova, HP, Rackspace) or bare strings; other entries are left out, and a
    /// network whose value is not an array has none. Anything but an object or null is not a server's addresses.
    /// </summary>
    internal sealed class AddressesConverter : JsonConverter<Dictionary<string, string[]>?>
    {
        public override bool HandleNull => true;

        public override Dictionary<string, string[]>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Expected an object of networks in addresses.");
            var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var list = new List<string>();
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject) return result;
                string network = reader.GetString() ?? string.Empty;
                reader.Read();
                list.Clear();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType == JsonTokenType.String) list.Add(reader.GetString()!);
                        else if (reader.TokenType == JsonTokenType.StartObject) AddAddr(ref reader, list);
                        else LenientJson.Skip(ref reader);
                    }
                }
                else
                {
                    LenientJson.Skip(ref reader);
                }
                // A network named twice keeps its last entry, as a dictionary of the raw values did.
                result[network] = list.ToArray();
            }
            throw new JsonException("Unterminated addresses object.");
        }

        /// <summary>Adds the entry's <c>addr</c> when it is a string (the last one, should the entry name it twice).</summary>
        private static void AddAddr(ref Utf8JsonReader reader, List<string> list)
        {
            string? addr = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                bool isAddr = reader.ValueTextEquals("addr");
                reader.Read();
                if (isAddr) addr = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                LenientJson.Skip(ref reader);
            }
            if (addr != null) list.Add(addr);
        }

        public override void Write(Utf8JsonWriter writer, Dictionary<string, string[]>? value, JsonSerializerOptions options)
        {
            if (value == null)
            {
                writer.WriteNullValue();
                return;
            }
            writer.WriteStartObject();
            foreach (var pair in value)
            {
                writer.WriteStartArray(pair.Key);
                foreach (var addr in pair.Value) writer.WriteStringValue(addr);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
    }

    /// <summary>
    /// Reads a metadata object whose values may be strings, numbers, booleans or null
    /// (HP's image metadata has <c>"min_disk": 0, "owner": null</c>); every value becomes a string (null stays null).
    /// </summary>
    internal sealed class LenientStringMapConverter : JsonConverter<Dictionary<string, string?>?>
    {
        public override bool HandleNull => true;

        public override Dictionary<string, string?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                LenientJson.Skip(ref reader);
                return null;
            }
            var map = new Dictionary<string, string?>(StringComparer.Ordinal);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject) return map;
                if (reader.TokenType != JsonTokenType.PropertyName) throw new JsonException("Expected a property name in a metadata object.");
                string key = reader.GetString() ?? string.Empty;
                reader.Read();
                map[key] = LenientJson.ReadScalar(ref reader);
            }
            throw new JsonException("Unterminated metadata object.");
        }

        public override void Write(Utf8JsonWriter writer, Dictionary<string, string?>? value, JsonSerializerOptions options)
        {
            if (value == null)
            {
                writer.WriteNullValue();
                return;
            }
            writer.WriteStartObject();
            foreach (var pair in value)
            {
                if (pair.Value == null) writer.WriteNull(pair.Key);
                else writer.WriteString(pair.Key, pair.Value);
            }
            writer.WriteEndObject();
        }
    }

    /// <summary>Shared pieces of the lenient converters.</summary>
    internal static class LenientJson
    {
        /// <summary>
        /// Skips the current value. Reading from a stream, the serializer hands a converter the whole value but in a reader
        /// that is not the final block, where <c>Skip</c> throws; <c>TrySkip</c> works either way.
        /// </summary>
        public static void Skip(ref Utf8JsonReader reader)
        {
            if (!reader.TrySkip()) throw new JsonException("An incomplete JSON value.");
        }

        /// <summary>Reads the current value as a string: strings as they are, numbers and booleans as their JSON text, objects and arrays as raw JSON.</summary>
        public static string? ReadScalar(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Number:
                    using (var doc = JsonDocument.ParseValue(ref reader)) return doc.RootElement.GetRawText();
                case JsonTokenType.True:
                    return "true";
                case JsonTokenType.False:
                    return "false";
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    using (var doc = JsonDocument.ParseValue(ref reader)) return doc.RootElement.GetRawText();
                default:
                    throw new JsonException("Unexpected JSON token " + reader.TokenType + ".");
            }
        }

        /// <summary>Parses an ISO 8601 timestamp, assuming UTC when it carries no zone; null when empty or unreadable.</summary>
        public static DateTimeOffset? ParseDate(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value))
            {
                return value;
            }
            return null;
        }
    }
}
