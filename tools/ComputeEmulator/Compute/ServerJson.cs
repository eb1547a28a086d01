using System;
using System.Text.Json;
using ComputeEmulator.Http;
using ComputeEmulator.State;

namespace ComputeEmulator.Compute;

/// <summary>Server bodies: the brief list form and Nova 2.1's detail form as a non-admin user sees it (the OS-EXT-* fields openstackclient reads).</summary>
internal static class ServerJson
{
    public static void WriteId(Utf8JsonWriter w, ComputeRequest r, ServerRecord s)
    {
        if (s.IntId is long n)
        {
            w.WriteNumber("id", n);
            w.WriteString("uuid", s.Uuid);
        }
        else
        {
            w.WriteString("id", s.Id);
        }
    }

    public static void WriteLinks(Utf8JsonWriter w, ComputeRequest r, string collection, string id)
    {
        w.WriteStartArray("links");
        JsonOut.WriteLink(w, "self", r.VersionBase + collection + "/" + id);
        JsonOut.WriteLink(w, "bookmark", r.BookmarkBase + collection + "/" + id);
        w.WriteEndArray();
    }

    public static void WriteBrief(Utf8JsonWriter w, ComputeRequest r, ServerRecord s)
    {
        w.WriteStartObject();
        WriteId(w, r, s);
        w.WriteString("name", s.Name);
        WriteLinks(w, r, "servers", s.Id);
        w.WriteEndObject();
    }

    /// <summary>Detail JSON; a settled server's bytes are cached per URL base (a page of 1000 is then mostly copying).</summary>
    public static void WriteDetail(Utf8JsonWriter w, ComputeRequest r, ServerRecord s, DateTimeOffset now, string? adminPass = null)
    {
        if (adminPass is not null || s.Deleted || s.IsBusy(now))
        {
            WriteDetailUncached(w, r, s, now, adminPass);
            return;
        }
        string key = r.VersionBase;
        var cached = s.DetailCache.Get(s, key);
        if (cached is null)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(2048);
            using (var inner = new Utf8JsonWriter(buffer, JsonOut.WriterOptions))
            {
                WriteDetailUncached(inner, r, s, now, null);
            }
            cached = buffer.WrittenSpan.ToArray();
            s.DetailCache.Set(s, key, cached);
        }
        w.WriteRawValue(cached, skipInputValidation: true);
    }

    private static void WriteDetailUncached(Utf8JsonWriter w, ComputeRequest r, ServerRecord s, DateTimeOffset now, string? adminPass)
    {
        string status = s.Status(now);
        w.WriteStartObject();
        WriteId(w, r, s);
        w.WriteString("name", s.Name);
        w.WriteString("status", status);
        w.WriteString("tenant_id", r.TenantId);
        w.WriteString("user_id", r.State.UserId);
        JsonOut.WriteStringMap(w, "metadata", s.Metadata);
        w.WriteString("hostId", s.HostId);
        w.WriteStartObject("image");
        w.WriteString("id", s.ImageId);
        w.WriteStartArray("links");
        JsonOut.WriteLink(w, "bookmark", r.BookmarkBase + "images/" + s.ImageId);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("flavor");
        w.WriteString("id", s.FlavorId);
        w.WriteStartArray("links");
        JsonOut.WriteLink(w, "bookmark", r.BookmarkBase + "flavors/" + s.FlavorId);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteString("created", s.CreatedText);
        w.WriteString("updated", JsonOut.Time(s.EffectiveUpdated(now)));
        w.WriteStartObject("addresses");
        if (!s.Deleted)
        {
            w.WriteStartArray("private");
            WriteAddress(w, s.FixedIp, "fixed", s.MacAddress);
            foreach (var ip in s.FloatingIps) WriteAddress(w, ip, "floating", s.MacAddress);
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteString("accessIPv4", s.AccessIPv4);
        w.WriteString("accessIPv6", s.AccessIPv6);
        WriteLinks(w, r, "servers", s.Id);
        w.WriteString("OS-DCF:diskConfig", "MANUAL");
        // Nova shows progress only for ACTIVE, BUILD and REBUILD (and resize/migration states): 0 once ACTIVE,
        // no key for REBOOT, HARD_REBOOT or DELETED. BUILD/REBUILD rise over BuildDelay here.
        if (status is "ACTIVE" or "BUILD" or "REBUILD") w.WriteNumber("progress", s.Progress(now));
        w.WriteString("OS-EXT-AZ:availability_zone", "nova");
        w.WriteString("config_drive", s.ConfigDrive ? "True" : "");
        if (s.KeyName is null) w.WriteNull("key_name"); else w.WriteString("key_name", s.KeyName);
        bool launched = status != "BUILD";
        if (launched) w.WriteString("OS-SRV-USG:launched_at", s.LaunchedAtText);
        else w.WriteNull("OS-SRV-USG:launched_at");
        if (s.Deleted) w.WriteString("OS-SRV-USG:terminated_at", s.UsageTimeText(s.Updated));
        else w.WriteNull("OS-SRV-USG:terminated_at");
        // No OS-EXT-SRV-ATTR:* (host, instance_name, hypervisor_hostname): Nova shows them to admins only, and the
        // emulator's one user is a member.
        var (vm, task, power) = States(status);
        if (task is null) w.WriteNull("OS-EXT-STS:task_state"); else w.WriteString("OS-EXT-STS:task_state", task);
        w.WriteString("OS-EXT-STS:vm_state", vm);
        w.WriteNumber("OS-EXT-STS:power_state", power);
        w.WriteStartArray("os-extended-volumes:volumes_attached");
        w.WriteEndArray();
        w.WriteStartArray("security_groups");
        foreach (var g in s.SecurityGroups)
        {
            w.WriteStartObject();
            w.WriteString("name", g);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (adminPass is not null) w.WriteString("adminPass", adminPass);
        w.WriteEndObject();
    }

    private static void WriteAddress(Utf8JsonWriter w, string ip, string type, string mac)
    {
        w.WriteStartObject();
        w.WriteString("addr", ip);
        w.WriteNumber("version", 4);
        w.WriteString("OS-EXT-IPS:type", type);
        w.WriteString("OS-EXT-IPS-MAC:mac_addr", mac);
        w.WriteEndObject();
    }

    /// <summary>(vm_state, task_state, power_state) behind a status.</summary>
    public static (string Vm, string? Task, int Power) States(string status) => status switch
    {
        "BUILD" => ("building", "spawning", 0),
        "REBOOT" => ("active", "rebooting", 1),
        "HARD_REBOOT" => ("active", "rebooting_hard", 1),
        "REBUILD" => ("active", "rebuild_spawning", 0),
        "DELETED" => ("deleted", null, 0),
        _ => ("active", null, 1),
    };
}
