using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ComputeModule.Http
{
    /// <summary>Removes secrets from what -Debug shows: token headers, passwords, API keys and token ids in JSON bodies.</summary>
    internal static class Redactor
    {
        /// <summary>What a secret is replaced with.</summary>
        public const string Mask = "***";

        private static readonly HashSet<string> s_secretHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "X-Auth-Token", "X-Subject-Token", "X-Service-Token", "Authorization", "Proxy-Authorization", "X-Auth-Key", "Cookie", "Set-Cookie",
        };

        // Properties whose value is a secret wherever they appear.
        private static readonly HashSet<string> s_secretProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "password", "apiKey", "api_key", "adminPass", "admin_pass", "secret", "client_secret",
        };

        /// <summary>Whether a header carries a secret.</summary>
        public static bool IsSecretHeader(string name) => s_secretHeaders.Contains(name);

        /// <summary>One header line for -Debug, masked when secret.</summary>
        public static string Header(string name, IEnumerable<string> values)
            => name + ": " + (IsSecretHeader(name) ? Mask : string.Join(", ", values));

        /// <summary>All headers of a message, one per line, secrets masked.</summary>
        public static string Headers(HttpHeaders? headers, HttpHeaders? contentHeaders = null)
        {
            var sb = new StringBuilder();
            foreach (var set in new[] { headers, contentHeaders })
            {
                if (set == null) continue;
                foreach (var h in set)
                {
                    if (sb.Length > 0) sb.Append('\n');
                    sb.Append(Header(h.Key, h.Value));
                }
            }
            return sb.ToString();
        }

        /// <summary>
        /// The body with secrets masked: "password", "apiKey" (and the like) anywhere, and "id" inside a "token" object
        /// (keystone v2 answers <c>access.token.id</c>; token auth sends <c>auth.token.id</c> / <c>identity.token.id</c>).
        /// A body that is not JSON is returned unchanged unless it looks like it holds a secret, then it is withheld.
        /// </summary>
        public static string Body(string? body)
        {
            if (string.IsNullOrEmpty(body)) return string.Empty;
            string text = body!;
            string trimmed = text.TrimStart();
            if (trimmed.Length == 0 || (trimmed[0] != '{' && trimmed[0] != '['))
            {
                return LooksSecret(text) ? "<" + text.Length + " characters withheld: not JSON and may hold a secret>" : text;
            }
            try
            {
                using var doc = JsonDocument.Parse(text);
                using var stream = new MemoryStream();
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    Write(writer, doc.RootElement, parentName: null);
                }
                return Encoding.UTF8.GetString(stream.ToArray());
            }
            catch (JsonException)
            {
                return LooksSecret(text) ? "<" + text.Length + " characters withheld: unparsable JSON that may hold a secret>" : text;
            }
        }

        private static bool LooksSecret(string text)
            => text.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0
               || text.IndexOf("apikey", StringComparison.OrdinalIgnoreCase) >= 0
               || text.IndexOf("token", StringComparison.OrdinalIgnoreCase) >= 0;

        private static void Write(Utf8JsonWriter writer, JsonElement element, string? parentName)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    foreach (var property in element.EnumerateObject())
                    {
                        writer.WritePropertyName(property.Name);
                        if (IsSecretProperty(property.Name, parentName, property.Value))
                        {
                            writer.WriteStringValue(Mask);
                        }
                        else
                        {
                            Write(writer, property.Value, property.Name);
                        }
                    }
                    writer.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    foreach (var item in element.EnumerateArray()) Write(writer, item, parentName);
                    writer.WriteEndArray();
                    break;
                default:
                    element.WriteTo(writer);
                    break;
            }
        }

        private static bool IsSecretProperty(string name, string? parentName, JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.Object || value.ValueKind == JsonValueKind.Array)
            {
                // {"password": {"user": {...}}} is keystone v3's method block, not a secret itself: look inside.
                return false;
            }
            if (s_secretProperties.Contains(name)) return true;
            // The token's id is the token.
            if (parentName != null && string.Equals(parentName, "token", StringComparison.OrdinalIgnoreCase)
                && string.Equals(name, "id", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            // {"token": "abc"} written flat.
            return value.ValueKind == JsonValueKind.String
                   && (string.Equals(name, "token", StringComparison.OrdinalIgnoreCase)
                       || string.Equals(name, "auth_token", StringComparison.OrdinalIgnoreCase)
                       || string.Equals(name, "x-auth-token", StringComparison.OrdinalIgnoreCase));
        }
    }
}
