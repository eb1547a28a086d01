using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ComputeEmulator.Http;

namespace ComputeEmulator.Compute;

/// <summary>/extensions: HP's five plus the Nova and Rackspace extensions this emulator implements.</summary>
internal static class ExtensionRoutes
{
    private sealed record Extension(string Alias, string Name, string Description, string Namespace, string Updated);

    private static readonly IReadOnlyList<Extension> All =
    [
        new("os-keypairs", "Keypairs", "Keypair Support", "http://docs.openstack.org/ext/keypairs/api/v1.1", "2011-08-08T00:00:00+00:00"),
        new("os-volumes", "Volumes", "Volumes support", "http://docs.openstack.org/ext/volumes/api/v1.1", "2011-03-25T00:00:00+00:00"),
        new("os-console-output", "Console_output", "Console log output support, with tailing ability.", "http://docs.openstack.org/compute/ext/os-console-output/api/v1.1", "2011-12-08T00:00:00+00:00"),
        new("security_groups", "SecurityGroups", "Security group support", "http://docs.openstack.org/ext/securitygroups/api/v1.1", "2011-07-21T00:00:00+00:00"),
        new("os-floating-ips", "Floating_ips", "Floating IPs support", "http://docs.openstack.org/ext/floating_ips/api/v1.1", "2011-06-16T00:00:00+00:00"),
        new("OS-DCF", "DiskConfig", "Disk Management Extension.", "http://docs.openstack.org/compute/ext/disk_config/api/v1.1", "2011-09-27T00:00:00+00:00"),
        new("OS-EXT-STS", "ExtendedStatus", "Extended Status support.", "http://docs.openstack.org/compute/ext/extended_status/api/v1.1", "2011-11-03T00:00:00+00:00"),
        new("OS-EXT-AZ", "ExtendedAvailabilityZone", "Extended Availability Zone support.", "http://docs.openstack.org/compute/ext/extendedavailabilityzone/api/v2", "2013-01-30T00:00:00+00:00"),
        new("OS-EXT-IMG-SIZE", "ImageSize", "Adds image size to image listings.", "http://docs.openstack.org/compute/ext/image_size/api/v1.1", "2013-02-19T00:00:00+00:00"),
        new("OS-FLV-EXT-DATA", "FlavorExtraData", "Provide additional data for flavors.", "http://docs.openstack.org/compute/ext/flavor_extra_data/api/v1.1", "2011-09-14T00:00:00+00:00"),
        new("rax-si-image-schedule", "ScheduledImages", "Enables automatic daily or weekly server images.", "http://docs.rackspace.com/servers/api/ext/scheduled-images/", "2014-01-28T00:00:00+00:00"),
    ];

    public static void Map(ComputeRouter router)
    {
        router.Map("GET", "extensions", ListAsync)
              .Map("GET", "extensions/{}", GetAsync);
    }

    /// <summary>The extensions on offer: rax-si-image-schedule only while ScheduledImages is on.</summary>
    private static IEnumerable<Extension> Offered(ComputeRequest r) =>
        r.Options.ScheduledImages ? All : All.Where(e => e.Alias != "rax-si-image-schedule");

    private static Task ListAsync(ComputeRequest r) =>
        r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("extensions");
            foreach (var e in Offered(r)) Write(w, e);
            w.WriteEndArray();
            w.WriteEndObject();
        });

    private static Task GetAsync(ComputeRequest r)
    {
        var e = Offered(r).FirstOrDefault(x => x.Alias == r.Arg(0)) ?? throw ApiException.NotFound("The resource could not be found.");
        return r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("extension");
            Write(w, e);
            w.WriteEndObject();
        });
    }

    private static void Write(Utf8JsonWriter w, Extension e)
    {
        w.WriteStartObject();
        w.WriteString("alias", e.Alias);
        w.WriteString("description", e.Description);
        w.WriteStartArray("links");
        w.WriteEndArray();
        w.WriteString("name", e.Name);
        w.WriteString("namespace", e.Namespace);
        w.WriteString("updated", e.Updated);
        w.WriteEndObject();
    }
}
