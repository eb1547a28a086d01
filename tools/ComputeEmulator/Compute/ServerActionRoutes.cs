using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ComputeEmulator.Http;
using ComputeEmulator.State;

namespace ComputeEmulator.Compute;

/// <summary>POST /servers/{id}/action: reboot, rebuild, createImage, os-getConsoleOutput, floating IPs, security groups.</summary>
internal static class ServerActionRoutes
{
    public static void Map(ComputeRouter router) => router.Map("POST", "servers/{}/action", ActionAsync);

    private static async Task ActionAsync(ComputeRequest r)
    {
        var server = r.RequireServer(r.Arg(0));
        var body = await r.BodyAsync();
        if (body.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest("Malformed request body: expected a JSON object.");
        var props = body.EnumerateObject().ToList();
        if (props.Count != 1) throw ApiException.BadRequest("Malformed request body: exactly one action is expected.");
        var action = props[0];
        Task result = action.Name switch
        {
            "reboot" => RebootAsync(r, server, Obj(action)),
            "rebuild" => RebuildAsync(r, server, Obj(action)),
            "createImage" => CreateImageAsync(r, server, Obj(action)),
            "os-getConsoleOutput" => ConsoleAsync(r, server, Obj(action)),
            "addFloatingIp" => AddFloatingIpAsync(r, server, Obj(action)),
            "removeFloatingIp" => RemoveFloatingIpAsync(r, server, Obj(action)),
            "addSecurityGroup" => AddSecurityGroupAsync(r, server, Obj(action)),
            "removeSecurityGroup" => RemoveSecurityGroupAsync(r, server, Obj(action)),
            _ => throw ApiException.BadRequest($"There is no such action: {action.Name}"),
        };
        await result;
    }

    private static JsonElement Obj(JsonProperty action)
    {
        if (action.Value.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest($"Invalid input for field '{action.Name}': expected an object.");
        return action.Value;
    }

    private static void RequireNotBusy(ComputeRequest r, ServerRecord server, string action)
    {
        if (server.IsBusy(r.Now))
        {
            var (vm, task, _) = ServerJson.States(server.Status(r.Now));
            throw ApiException.Conflict($"Cannot '{action}' instance {server.Uuid} while it is in vm_state {vm}" + (task is null ? "" : $", task_state {task}"));
        }
    }

    private static Task RebootAsync(ComputeRequest r, ServerRecord server, JsonElement body)
    {
        string type = (JsonIn.OptionalString(body, "type") ?? throw ApiException.BadRequest("Missing 'type' for reboot")).ToUpperInvariant();
        if (type is not ("SOFT" or "HARD")) throw ApiException.BadRequest($"Invalid reboot type '{type}': SOFT or HARD.");
        Transition(r, server.Id, "reboot", type == "HARD" ? "HARD_REBOOT" : "REBOOT", s => s);
        return r.EmptyAsync(202);
    }

    private static async Task RebuildAsync(ComputeRequest r, ServerRecord server, JsonElement body)
    {
        string imageRef = Paging.RefId(JsonIn.OptionalRef(body, "imageRef") ?? throw ApiException.BadRequest("Missing imageRef attribute"));
        var image = r.Region.Images.Get(imageRef) ?? throw ApiException.BadRequest("Cannot find requested image");
        string? name = body.TryGetProperty("name", out _) ? ServerRoutes.ValidName(JsonIn.OptionalString(body, "name")) : null;
        Dictionary<string, string>? metadata = null;
        if (body.TryGetProperty("metadata", out var m) && m.ValueKind != JsonValueKind.Null)
        {
            metadata = JsonIn.Metadata(m);
            if (metadata.Count > r.Options.MaxServerMeta) throw ApiException.MetadataLimit(r.Options, image: false, $"Quota exceeded for metadata items: maximum is {r.Options.MaxServerMeta}.");
        }
        var rebuilt = Transition(r, server.Id, "rebuild", "REBUILD", s => s with
        {
            ImageId = image.Id,
            Name = name ?? s.Name,
            Metadata = metadata ?? s.Metadata,
        });
        string adminPass = JsonIn.OptionalString(body, "adminPass") ?? Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(9));
        await r.JsonAsync(202, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("server");
            ServerJson.WriteDetail(w, r, rebuilt, r.Now, adminPass);
            w.WriteEndObject();
        });
    }

    /// <summary>Puts a server into a transient status for BuildDelay, applying <paramref name="change"/>; 409 if it is busy (checked atomically).</summary>
    private static ServerRecord Transition(ComputeRequest r, string id, string action, string status, Func<ServerRecord, ServerRecord> change)
    {
        var now = r.Now;
        var delay = r.Options.BuildDelay;
        return r.Region.Servers.Update(id, s =>
        {
            RequireNotBusy(r, s, action);
            return Settle(change(s), status, now, delay);
        }) ?? throw ApiException.NotFound($"Instance {id} could not be found.");
    }

    private static ServerRecord Settle(ServerRecord s, string status, DateTimeOffset now, TimeSpan delay) =>
        s with
        {
            BusyStatus = delay > TimeSpan.Zero ? status : null,
            BusyStart = now,
            BusyUntil = now + delay,
            Updated = now,
        };

    private static Task CreateImageAsync(ComputeRequest r, ServerRecord server, JsonElement body)
    {
        string name = JsonIn.OptionalString(body, "name") ?? throw ApiException.BadRequest("Invalid input for field/attribute name: 'name' is a required property.");
        var metadata = body.TryGetProperty("metadata", out var m) && m.ValueKind != JsonValueKind.Null ? JsonIn.Metadata(m) : new Dictionary<string, string>();
        if (metadata.Count > r.Options.MaxImageMeta) throw ApiException.MetadataLimit(r.Options, image: true, $"Image metadata limit exceeded: maximum is {r.Options.MaxImageMeta} items.");
        var image = Snapshots.Create(r.Region, server.Id, name, metadata, r.Now, r.State.UserId);
        // Nova points Location at the image service (Glance endpoint + /images/{id}), not at the compute API;
        // clients take the id from the last path segment. The emulator's image view serves that URL.
        r.Http.Response.Headers.Location = r.ImageServiceBase + "images/" + image.Id;
        return r.EmptyAsync(202);
    }

    private static Task ConsoleAsync(ComputeRequest r, ServerRecord server, JsonElement body)
    {
        int? length = JsonIn.OptionalInt(body, "length");
        if (length is < -1) throw ApiException.BadRequest("Invalid input for field 'length': must be -1 or a positive integer.");
        var lines = new List<string>();
        for (int i = 0; i < 40; i++)
        {
            lines.Add($"[{i * 0.25,8:0.000000}] {server.Name}: emulated boot message {i + 1}");
        }
        lines.Add($"cloud-init boot finished for {server.Name} ({server.Uuid})");
        if (length is int n and >= 0) lines = lines.Skip(Math.Max(0, lines.Count - n)).ToList();
        var output = new StringBuilder();
        foreach (var line in lines) output.Append(line).Append('\n');
        return r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("output", output.ToString());
            w.WriteEndObject();
        });
    }

    private static Task AddFloatingIpAsync(ComputeRequest r, ServerRecord server, JsonElement body)
    {
        string address = JsonIn.RequireString(body, "address");
        lock (r.Region.Gate)
        {
            r.Region.FloatingIps.Associate(address, server.Id, server.FixedIp);
            r.Region.Servers.Update(server.Id, s => s.FloatingIps.Contains(address) ? s : s with { FloatingIps = s.FloatingIps.Append(address).ToList(), Updated = r.Now });
        }
        return r.EmptyAsync(202);
    }

    private static Task RemoveFloatingIpAsync(ComputeRequest r, ServerRecord server, JsonElement body)
    {
        string address = JsonIn.RequireString(body, "address");
        lock (r.Region.Gate)
        {
            r.Region.FloatingIps.Disassociate(address, server.Id);
            r.Region.Servers.Update(server.Id, s => s with { FloatingIps = s.FloatingIps.Where(a => a != address).ToList(), Updated = r.Now });
        }
        return r.EmptyAsync(202);
    }

    private static Task AddSecurityGroupAsync(ComputeRequest r, ServerRecord server, JsonElement body)
    {
        string name = JsonIn.RequireString(body, "name");
        if (r.Region.SecurityGroups.FindByName(name) is null) throw ApiException.NotFound($"Security group {name} not found for project {r.TenantId}.");
        r.Region.Servers.Update(server.Id, s =>
        {
            if (s.SecurityGroups.Contains(name)) throw ApiException.BadRequest($"Security group {name} is already associated with the instance {s.Uuid}");
            return s with { SecurityGroups = s.SecurityGroups.Append(name).ToList(), Updated = r.Now };
        });
        return r.EmptyAsync(202);
    }

    private static Task RemoveSecurityGroupAsync(ComputeRequest r, ServerRecord server, JsonElement body)
    {
        string name = JsonIn.RequireString(body, "name");
        if (r.Region.SecurityGroups.FindByName(name) is null) throw ApiException.NotFound($"Security group {name} not found for project {r.TenantId}.");
        r.Region.Servers.Update(server.Id, s =>
        {
            if (!s.SecurityGroups.Contains(name)) throw ApiException.BadRequest($"Security group {name} not associated with the instance {s.Uuid}");
            return s with { SecurityGroups = s.SecurityGroups.Where(g => g != name).ToList(), Updated = r.Now };
        });
        return r.EmptyAsync(202);
    }
}
