using System;
using System.Net.Http;
using ComputeModule.Http;

namespace ComputeModule.Clients
{
    /// <summary>The filters and paging that <c>servers/detail</c> and <c>images/detail</c> share; subclasses add their own filters.</summary>
    internal abstract class ListQuery
    {
        public string? Name { get; set; }
        public string? Status { get; set; }
        public DateTime? ChangesSince { get; set; }
        public int? Limit { get; set; }

        /// <summary>The collection's route, e.g. <c>servers/detail</c>.</summary>
        protected abstract string Route { get; }

        /// <summary>Adds the resource's own filters (they come after name and status).</summary>
        protected abstract void AddFilters(QueryString query);

        /// <summary>The route of one page; <paramref name="marker"/> is the id of the last item of the previous page.</summary>
        public string ToPath(string? marker)
        {
            var query = new QueryString()
                .Add("name", Name)
                .Add("status", Status?.ToUpperInvariant());
            AddFilters(query);
            return query
                .Add("changes-since", ChangesSince)
                .Add("limit", Limit)
                .Add("marker", marker)
                .AppendTo(Route);
        }

        /// <summary>The GET of one page; <paramref name="page"/> is shown in -Verbose.</summary>
        public ApiRequest ToRequest(string? marker, int page) => new ApiRequest(HttpMethod.Get, ToPath(marker)) { Page = page };
    }

    /// <summary>Filters and paging of a <c>servers/detail</c> listing.</summary>
    internal sealed class ServerListQuery : ListQuery
    {
        public string? Image { get; set; }
        public string? Flavor { get; set; }

        protected override string Route => "servers/detail";

        protected override void AddFilters(QueryString query)
            => query
                .Add("image", Image)
                .Add("flavor", Flavor);
    }

    /// <summary>Base images or snapshots.</summary>
    internal enum ImageTypeFilter
    {
        Base,
        Snapshot,
    }

    /// <summary>Filters and paging of an <c>images/detail</c> listing.</summary>
    internal sealed class ImageListQuery : ListQuery
    {
        public string? Server { get; set; }
        public ImageTypeFilter? Type { get; set; }

        protected override string Route => "images/detail";

        protected override void AddFilters(QueryString query)
            => query
                .Add("server", Server)
                // Nova maps `type` to the Glance property image_type, whose value is lower case ("snapshot");
                // base images have no image_type, so Base is filtered on our side only (see Matches).
                .Add("type", Type == ImageTypeFilter.Snapshot ? "snapshot" : null);

        /// <summary>Whether an image passes the filters the service may not apply itself (the type).</summary>
        public bool Matches(Models.ComputeImage image)
        {
            if (Type == ImageTypeFilter.Snapshot) return image.Type == ImageTypes.Snapshot;
            if (Type == ImageTypeFilter.Base) return image.Type == ImageTypes.Base;
            return true;
        }
    }
}
