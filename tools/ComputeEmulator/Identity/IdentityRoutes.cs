using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ComputeEmulator.Http;
using ComputeEmulator.State;
using Microsoft.AspNetCore.Http;

namespace ComputeEmulator.Identity;

/// <summary>Keystone v2.0 (password and Rackspace API-key credentials) and v3 (password, token) authentication.</summary>
internal static class IdentityRoutes
{
    public static Task HandleAsync(HttpContext http, EmulatorState state, string[] segments)
    {
        string method = http.Request.Method;
        string rest = string.Join('/', segments.Skip(1));
        bool v3 = segments[0] == "v3";
        if (rest.Length == 0)
        {
            return method == "GET" ? Discovery.IdentityVersionAsync(http, segments[0]) : BadMethod();
        }
        if (!v3 && rest == "tokens") return method == "POST" ? V2TokensAsync(http, state) : BadMethod();
        if ((!v3 && rest == "tenants") || (v3 && rest == "auth/projects")) return method == "GET" ? ProjectsAsync(http, state, v3) : BadMethod();
        if (v3 && rest == "auth/tokens")
        {
            return method switch
            {
                "POST" => V3TokensAsync(http, state),
                "GET" or "HEAD" => V3ValidateAsync(http, state),
                _ => BadMethod(),
            };
        }
        throw ApiException.NotFound("The resource could not be found.");
    }

    private static Task BadMethod() => throw new ApiException(405, "The method is not allowed for the requested URL.");

    private static ApiException Unauthorized() => new(401, "The request you have made requires authentication.");

    private static async Task V2TokensAsync(HttpContext http, EmulatorState state)
    {
        JsonOut.MarkStart(http);
        var auth = JsonIn.RequireObject(await JsonIn.ReadAsync(http, state.Options.MaxRequestBodyBytes), "auth");
        var o = state.Options;
        var now = state.Now();
        bool ok;
        if (auth.TryGetProperty("passwordCredentials", out var pc) && pc.ValueKind == JsonValueKind.Object)
        {
            ok = JsonIn.OptionalString(pc, "username") == o.UserName && JsonIn.OptionalString(pc, "password") == o.Password;
        }
        else if (auth.TryGetProperty("RAX-KSKEY:apiKeyCredentials", out var kc) && kc.ValueKind == JsonValueKind.Object)
        {
            ok = JsonIn.OptionalString(kc, "username") == o.UserName && JsonIn.OptionalString(kc, "apiKey") == o.ApiKey;
        }
        else if (auth.TryGetProperty("token", out var tk) && tk.ValueKind == JsonValueKind.Object)
        {
            ok = state.Tokens.Validate(JsonIn.OptionalString(tk, "id"), now) is not null;
        }
        else
        {
            throw ApiException.BadRequest("Expecting passwordCredentials, RAX-KSKEY:apiKeyCredentials or token in auth.");
        }
        if (!ok) throw Unauthorized();
        string? tenantName = JsonIn.OptionalString(auth, "tenantName");
        string? tenantId = JsonIn.OptionalString(auth, "tenantId");
        if ((tenantName is not null && tenantName != o.TenantName) || (tenantId is not null && tenantId != o.TenantId)) throw Unauthorized();

        var token = state.Tokens.Issue(now, o.TokenLifetime, o.TenantId, ["password"]);
        string b = Links.BaseUrl(http);
        await JsonOut.WriteAsync(http, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("access");
            w.WriteStartObject("token");
            w.WriteString("id", token.Id);
            w.WriteString("issued_at", JsonOut.TimeMicro(token.IssuedAt));
            w.WriteString("expires", JsonOut.Time(token.Expires));
            w.WriteStartObject("tenant");
            w.WriteString("id", o.TenantId);
            w.WriteString("name", o.TenantName);
            w.WriteBoolean("enabled", true);
            w.WriteNull("description");
            w.WriteEndObject();
            w.WriteStartArray("audit_ids");
            w.WriteStringValue(token.Id[^22..]);
            w.WriteEndArray();
            w.WriteEndObject();
            Catalog.WriteV2(w, b, state);
            w.WriteStartObject("user");
            w.WriteString("id", state.UserId);
            w.WriteString("name", o.UserName);
            w.WriteString("username", o.UserName);
            w.WriteString("RAX-AUTH:defaultRegion", state.Regions[0].Name);
            w.WriteStartArray("roles");
            w.WriteStartObject();
            w.WriteString("name", "member");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("roles_links");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("metadata");
            w.WriteBoolean("is_admin", false);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static async Task V3TokensAsync(HttpContext http, EmulatorState state)
    {
        JsonOut.MarkStart(http);
        var auth = JsonIn.RequireObject(await JsonIn.ReadAsync(http, state.Options.MaxRequestBodyBytes), "auth");
        var identity = JsonIn.RequireObject(auth, "identity");
        var o = state.Options;
        var now = state.Now();
        if (!identity.TryGetProperty("methods", out var methods) || methods.ValueKind != JsonValueKind.Array || methods.GetArrayLength() == 0)
        {
            throw ApiException.BadRequest("Invalid input for field 'identity/methods': expected a non-empty array.");
        }
        var methodNames = methods.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : "").ToArray();
        bool ok = false;
        if (methodNames.Contains("password"))
        {
            var user = JsonIn.RequireObject(JsonIn.RequireObject(identity, "password"), "user");
            string? name = JsonIn.OptionalString(user, "name");
            string? id = JsonIn.OptionalString(user, "id");
            ok = (name == o.UserName || id == state.UserId) && JsonIn.OptionalString(user, "password") == o.Password && DomainOk(user);
        }
        else if (methodNames.Contains("token"))
        {
            var tk = JsonIn.RequireObject(identity, "token");
            ok = state.Tokens.Validate(JsonIn.OptionalString(tk, "id"), now) is not null;
        }
        else
        {
            throw new ApiException(401, "Unsupported authentication method.");
        }
        if (!ok) throw Unauthorized();
        // An unscoped request is scoped to the only project (lenient; Keystone would issue an unscoped token).
        if (auth.TryGetProperty("scope", out var scope) && scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("project", out var project))
        {
            if (project.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest("Invalid input for field 'scope/project'.");
            string? pname = JsonIn.OptionalString(project, "name");
            string? pid = JsonIn.OptionalString(project, "id");
            if ((pname is not null && pname != o.TenantName) || (pid is not null && pid != o.TenantId) || (pname is null && pid is null) || !DomainOk(project))
            {
                throw Unauthorized();
            }
        }
        var token = state.Tokens.Issue(now, o.TokenLifetime, o.TenantId, methodNames);
        http.Response.Headers["X-Subject-Token"] = token.Id;
        await WriteV3TokenAsync(http, state, token, 201);
    }

    /// <summary>The projects a token may be scoped to: GET /v2.0/tenants, GET /v3/auth/projects.</summary>
    private static Task ProjectsAsync(HttpContext http, EmulatorState state, bool v3)
    {
        JsonOut.MarkStart(http);
        if (state.Tokens.Validate(http.Request.Headers["X-Auth-Token"].ToString(), state.Now()) is null) throw Unauthorized();
        var o = state.Options;
        return JsonOut.WriteAsync(http, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray(v3 ? "projects" : "tenants");
            w.WriteStartObject();
            w.WriteString("id", o.TenantId);
            w.WriteString("name", o.TenantName);
            w.WriteBoolean("enabled", true);
            if (v3) w.WriteString("domain_id", "default");
            w.WriteEndObject();
            w.WriteEndArray();
            if (v3)
            {
                w.WriteStartObject("links");
                w.WriteString("self", Links.BaseUrl(http) + "v3/auth/projects");
                w.WriteNull("next");
                w.WriteNull("previous");
                w.WriteEndObject();
            }
            else
            {
                w.WriteStartArray("tenants_links");
                w.WriteEndArray();
            }
            w.WriteEndObject();
        });
    }

    private static Task V3ValidateAsync(HttpContext http, EmulatorState state)
    {
        JsonOut.MarkStart(http);
        var now = state.Now();
        if (state.Tokens.Validate(http.Request.Headers["X-Auth-Token"].ToString(), now) is null) throw Unauthorized();
        var subject = state.Tokens.Validate(http.Request.Headers["X-Subject-Token"].ToString(), now)
            ?? throw ApiException.NotFound("Could not find token.");
        http.Response.Headers["X-Subject-Token"] = subject.Id;
        return WriteV3TokenAsync(http, state, subject, 200);
    }

    private static Task WriteV3TokenAsync(HttpContext http, EmulatorState state, TokenRecord token, int status)
    {
        var o = state.Options;
        string b = Links.BaseUrl(http);
        return JsonOut.WriteAsync(http, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("token");
            w.WriteStartArray("methods");
            foreach (var m in token.Methods) w.WriteStringValue(m);
            w.WriteEndArray();
            w.WriteStartObject("user");
            WriteDomain(w);
            w.WriteString("id", state.UserId);
            w.WriteString("name", o.UserName);
            w.WriteNull("password_expires_at");
            w.WriteEndObject();
            w.WriteStartArray("audit_ids");
            w.WriteStringValue(token.Id[^22..]);
            w.WriteEndArray();
            w.WriteString("expires_at", JsonOut.TimeMicro(token.Expires));
            w.WriteString("issued_at", JsonOut.TimeMicro(token.IssuedAt));
            w.WriteStartObject("project");
            WriteDomain(w);
            w.WriteString("id", o.TenantId);
            w.WriteString("name", o.TenantName);
            w.WriteEndObject();
            w.WriteBoolean("is_domain", false);
            w.WriteStartArray("roles");
            w.WriteStartObject();
            w.WriteString("id", "9fe2ff9ee4384b1894a90878d3e92bab");
            w.WriteString("name", "member");
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteString("id", "4f5e3b2a1c0d4e5f8a9b0c1d2e3f4a5b");
            w.WriteString("name", "reader");
            w.WriteEndObject();
            w.WriteEndArray();
            Catalog.WriteV3(w, b, state);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static void WriteDomain(Utf8JsonWriter w)
    {
        w.WriteStartObject("domain");
        w.WriteString("id", "default");
        w.WriteString("name", "Default");
        w.WriteEndObject();
    }

    /// <summary>Only the "Default" domain exists (by name or by id "default"); no domain given is fine.</summary>
    private static bool DomainOk(JsonElement owner)
    {
        if (!owner.TryGetProperty("domain", out var d) || d.ValueKind == JsonValueKind.Null) return true;
        if (d.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest("Invalid input for field 'domain'.");
        string? name = JsonIn.OptionalString(d, "name");
        string? id = JsonIn.OptionalString(d, "id");
        return (name is null || string.Equals(name, "Default", StringComparison.OrdinalIgnoreCase))
            && (id is null || string.Equals(id, "default", StringComparison.OrdinalIgnoreCase));
    }
}
