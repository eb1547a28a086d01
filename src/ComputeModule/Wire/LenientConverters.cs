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
                    reader.Skip();
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
                reader.Skip();
                return null;
            }
            return LenientJson.ParseDate(reader.GetString());
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
        {
            if (value.HasValue) writer.WriteStringValue(value.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            else writer.WriteNullValue();
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
                reader.Skip();
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
