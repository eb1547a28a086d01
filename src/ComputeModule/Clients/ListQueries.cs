using System;

namespace ComputeModule.Clients
{
    /// <summary>Filters and paging of a <c>servers/detail</c> listing.</summary>
    internal sealed class ServerListQuery
    {
        public string? Name { get; set; }
        public string? Status { get; set; }
        public string? Image { get; set; }
        public string? Flavor { get; set; }
        public DateTime? ChangesSince { get; set; }
        public int? Limit { get; set; }

        /// <summary>The route of one page; <paramref name="marker"/> is the id of the last item of the previous page.</summary>
        public string ToPath(string? marker)
            => new QueryString()
                .Add("name", Name)
                .Add("status", Status?.ToUpperInvariant())
                .Add("image", Image)
                .Add("flavor", Flavor)
                .Add("changes-since", ChangesSince)
                .Add("limit", Limit)
                .Add("marker", marker)
                .AppendTo("servers/detail");
    }

    /// <summary>Base images or snapshots.</summary>
    internal enum ImageTypeFilter
    {
        Base,
        Snapshot,
    }

    /// <summary>Filters and paging of an <c>images/detail</c> listing.</summary>
    internal sealed class ImageListQuery
    {
        public string? Name { get; set; }
        public string? Status { get; set; }
        public string? Server { get; set; }
        public ImageTypeFilter? Type { get; set; }
        public DateTime? ChangesSince { get; set; }
        public int? Limit { get; set; }

        /// <summary>The route of one page.</summary>
        public string ToPath(string? marker)
            => new QueryString()
                .Add("name", Name)
                .Add("status", Status?.ToUpperInvariant())
                .Add("server", Server)
                // Nova maps `type` to the Glance property image_type, whose value is lower case ("snapshot");
                // base images have no image_type, so Base is filtered on our side only (see Matches).
                .Add("type", Type == ImageTypeFilter.Snapshot ? "snapshot" : null)
                .Add("changes-since", ChangesSince)
                .Add("limit", Limit)
                .Add("marker", marker)
                .AppendTo("images/detail");

        /// <summary>Whether an image passes the filters the service may not apply itself (the type).</summary>
        public bool Matches(Models.ComputeImage image)
        {
            if (Type == ImageTypeFilter.Snapshot) return image.Type == ImageTypes.Snapshot;
            if (Type == ImageTypeFilter.Base) return image.Type == ImageTypes.Base;
            return true;
        }
    }
}
