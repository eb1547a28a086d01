using System.Threading.Tasks;
using ComputeEmulator.Http;

namespace ComputeEmulator.Compute;

/// <summary>/images: list, detail (filters server, name, status, changes-since, type), get, delete.</summary>
internal static class ImageRoutes
{
    public static void Map(ComputeRouter router)
    {
        router.Map("GET", "images", r => ListAsync(r, detail: false))
              .Map("GET", "images/detail", r => ListAsync(r, detail: true))
              .Map("GET", "images/{}", GetAsync)
              .Map("DELETE", "images/{}", DeleteAsync);
    }

    private static Task ListAsync(ComputeRequest r, bool detail)
    {
        int limit = Paging.Limit(r);
        string? marker = Paging.Marker(r);
        var changesSince = Paging.ChangesSince(r);
        string? server = r.Query("server") is string s ? Paging.RefId(s) : null;
        string? name = r.Query("name");
        string? status = r.Query("status")?.ToUpperInvariant();
        string? type = r.Query("type")?.ToUpperInvariant();
        if (type is not (null or "BASE" or "SNAPSHOT")) throw ApiException.BadRequest($"Invalid type filter '{r.Query("type")}': use BASE or SNAPSHOT.");
        if (server is not null && r.Region.Servers.GetIncludingDeleted(server) is { } named) server = named.Id;
        bool includeDeleted = changesSince is not null || status == "DELETED";
        var now = r.Now;

        var page = r.Region.Images.Page(marker, limit, i =>
            (includeDeleted || !i.Deleted)
            && (changesSince is null || i.EffectiveUpdated(now) >= changesSince.Value)
            && (server is null || i.ServerId == server)
            && (name is null || i.Name == name)
            && (status is null || i.Status(now) == status)
            && (type is null || i.Type == type));

        return r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("images");
            foreach (var i in page)
            {
                if (detail) ImageJson.WriteDetail(w, r, i, now);
                else ImageJson.WriteBrief(w, r, i);
            }
            w.WriteEndArray();
            Paging.WriteNextLink(w, r, "images", detail ? "images/detail" : "images", page.Count, limit, page.Count > 0 ? page[^1].Id : null);
            w.WriteEndObject();
        });
    }

    private static Task GetAsync(ComputeRequest r)
    {
        var image = r.RequireImage(r.Arg(0));
        return r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("image");
            ImageJson.WriteDetail(w, r, image, r.Now);
            w.WriteEndObject();
        });
    }

    private static Task DeleteAsync(ComputeRequest r)
    {
        var now = r.Now;
        _ = r.Region.Images.Update(r.Arg(0), i => i with { Deleted = true, Updated = now })
            ?? throw ApiException.NotFound("Image not found.");
        return r.EmptyAsync(204);
    }
}
