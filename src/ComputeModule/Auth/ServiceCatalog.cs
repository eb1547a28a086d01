using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ComputeModule.Errors;

namespace ComputeModule.Auth
{
    /// <summary>Reads keystone catalogs and picks the compute endpoint.</summary>
    internal static class ServiceCatalog
    {
        /// <summary>The service type we look for.</summary>
        public const string ComputeType = "compute";

        /// <summary>v2.0: <c>access.serviceCatalog[].endpoints[].publicURL/region</c>.</summary>
        public static IReadOnlyList<CatalogEndpoint> ParseV2(JsonElement serviceCatalog)
        {
            var list = new List<CatalogEndpoint>();
            if (serviceCatalog.ValueKind != JsonValueKind.Array) return list;
            foreach (var service in serviceCatalog.EnumerateArray())
            {
                string? type = Str(service, "type");
                if (type == null || !service.TryGetProperty("endpoints", out var endpoints) || endpoints.ValueKind != JsonValueKind.Array) continue;
                foreach (var e in endpoints.EnumerateArray())
                {
                    foreach (var (property, kind) in new[] { ("publicURL", "public"), ("internalURL", "internal"), ("adminURL", "admin") })
                    {
                        string? url = Str(e, property);
                        if (url == null) continue;
                        list.Add(new CatalogEndpoint(type, Str(service, "name"), Str(e, "region") ?? Str(e, "region_id"), kind, url));
                    }
                }
            }
            return list;
        }

        /// <summary>v3: <c>token.catalog[].endpoints[] {interface, region/region_id, url}</c>.</summary>
        public static IReadOnlyList<CatalogEndpoint> ParseV3(JsonElement catalog)
        {
            var list = new List<CatalogEndpoint>();
            if (catalog.ValueKind != JsonValueKind.Array) return list;
            foreach (var service in catalog.EnumerateArray())
            {
                string? type = Str(service, "type");
                if (type == null || !service.TryGetProperty("endpoints", out var endpoints) || endpoints.ValueKind != JsonValueKind.Array) continue;
                foreach (var e in endpoints.EnumerateArray())
                {
                    string? url = Str(e, "url");
                    if (url == null) continue;
                    list.Add(new CatalogEndpoint(type, Str(service, "name"), Str(e, "region_id") ?? Str(e, "region"), Str(e, "interface") ?? "public", url));
                }
            }
            return list;
        }

        /// <summary>The regions that have a compute endpoint of the interface (default public), in catalog order.</summary>
        public static string[] ComputeRegions(IEnumerable<CatalogEndpoint> catalog, string? endpointInterface = null)
            => Compute(catalog, endpointInterface).Select(e => e.Region ?? string.Empty).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

        /// <summary>
        /// The public compute endpoint of <paramref name="region"/>; with no region, the only one there is.
        /// Throws <see cref="ComputeRegionNotFoundException"/> listing the regions when the region is missing or the choice is ambiguous.
        /// </summary>
        public static CatalogEndpoint SelectCompute(IReadOnlyList<CatalogEndpoint> catalog, string? region, string? endpointInterface = null)
        {
            var compute = Compute(catalog, endpointInterface).ToList();
            var regions = ComputeRegions(catalog, endpointInterface);
            if (catalog.Count == 0)
            {
                throw new ComputeRegionNotFoundException(
                    "The token came with an empty service catalog. Is it scoped to a project? Give -ProjectName or -ProjectId (OS_PROJECT_NAME or OS_PROJECT_ID).",
                    region, regions);
            }
            if (compute.Count == 0)
            {
                throw new ComputeRegionNotFoundException(
                    "The service catalog has no " + Interface(endpointInterface) + " compute endpoint. Services offered: "
                    + (catalog.Count == 0 ? "none" : string.Join(", ", catalog.Select(c => c.Type).Distinct())) + ".",
                    region, regions);
            }
            string list = string.Join(", ", regions.Select(r => r.Length == 0 ? "(no region)" : r));
            if (!string.IsNullOrEmpty(region))
            {
                var match = compute.FirstOrDefault(e => string.Equals(e.Region, region, StringComparison.OrdinalIgnoreCase));
                if (match == null)
                {
                    throw new ComputeRegionNotFoundException(
                        $"Region '{region}' has no compute endpoint in the service catalog. Regions with compute: {list}.", region, regions);
                }
                return match;
            }
            if (regions.Length > 1)
            {
                throw new ComputeRegionNotFoundException(
                    $"The service catalog offers compute in several regions; choose one with -Region (or OS_REGION_NAME): {list}.", null, regions);
            }
            return compute[0];
        }

        private static IEnumerable<CatalogEndpoint> Compute(IEnumerable<CatalogEndpoint> catalog, string? endpointInterface)
            => catalog.Where(e => string.Equals(e.Type, ComputeType, StringComparison.OrdinalIgnoreCase)
                                  && string.Equals(e.Interface, Interface(endpointInterface), StringComparison.OrdinalIgnoreCase));

        // OS_INTERFACE says "public", "internal" or "admin"; the CLI also accepts "publicURL" and the like.
        private static string Interface(string? endpointInterface)
        {
            if (string.IsNullOrWhiteSpace(endpointInterface)) return "public";
            string i = endpointInterface!.Trim();
            return i.EndsWith("URL", StringComparison.OrdinalIgnoreCase) ? i.Substring(0, i.Length - 3) : i;
        }

        internal static string? Str(JsonElement element, string name)
            => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()
                : null;
    }
}
