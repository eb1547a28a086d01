using System.Text.Json;
using System.Threading.Tasks;
using ComputeEmulator.Http;
using ComputeEmulator.State;

namespace ComputeEmulator.Compute;

/// <summary>/os-floating-ips: list, allocate, get, deallocate (association is a server action).</summary>
internal static class FloatingIpRoutes
{
    public static void Map(ComputeRouter router)
    {
        router.Map("GET", "os-floating-ips", ListAsync)
              .Map("POST", "os-floating-ips", AllocateAsync)
              .Map("GET", "os-floating-ips/{}", GetAsync)
              .Map("DELETE", "os-floating-ips/{}", DeleteAsync);
    }

    private static Task ListAsync(ComputeRequest r)
    {
        var all = r.Region.FloatingIps.List();
        return r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("floating_ips");
            foreach (var f in all) Write(w, r, f);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task AllocateAsync(ComputeRequest r)
    {
        string? pool = null;
        // The body is optional: {"pool": "nova"} or nothing at all.
        if (await JsonIn.ReadOptionalAsync(r.Http, r.Options.MaxRequestBodyBytes) is { } body)
        {
            if (body.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest("Malformed request body: expected a JSON object.");
            pool = JsonIn.OptionalString(body, "pool");
        }
        var fip = r.Region.FloatingIps.Allocate(pool);
        await r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("floating_ip");
            Write(w, r, fip);
            w.WriteEndObject();
        });
    }

    private static Task GetAsync(ComputeRequest r)
    {
        var fip = r.Region.FloatingIps.Get(r.Arg(0)) ?? throw ApiException.NotFound($"Floating IP {r.Arg(0)} could not be found.");
        return r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("floating_ip");
            Write(w, r, fip);
            w.WriteEndObject();
        });
    }

    private static Task DeleteAsync(ComputeRequest r)
    {
        if (!r.Region.FloatingIps.Release(r.Arg(0), out var released) || released is null)
        {
            throw ApiException.NotFound($"Floating IP {r.Arg(0)} could not be found.");
        }
        if (released.InstanceId is not null)
        {
            var now = r.Now;
            r.Region.Servers.Update(released.InstanceId, s => s with { FloatingIps = System.Linq.Enumerable.ToList(System.Linq.Enumerable.Where(s.FloatingIps, a => a != released.Ip)), Updated = now });
        }
        return r.EmptyAsync(202);
    }

    private static void Write(Utf8JsonWriter w, ComputeRequest r, FloatingIp f)
    {
        w.WriteStartObject();
        if (r.IntegerIds && long.TryParse(f.Id, out long n)) w.WriteNumber("id", n); else w.WriteString("id", f.Id);
        w.WriteString("ip", f.Ip);
        w.WriteString("pool", f.Pool);
        if (f.FixedIp is null) w.WriteNull("fixed_ip"); else w.WriteString("fixed_ip", f.FixedIp);
        if (f.InstanceId is null) w.WriteNull("instance_id"); else w.WriteString("instance_id", f.InstanceId);
        w.WriteEndObject();
    }
}
