using System;
using System.Text.Json;
using System.Threading.Tasks;
using ComputeEmulator.State;
using Microsoft.AspNetCore.Http;

namespace ComputeEmulator.Http;

/// <summary>One authenticated compute call: the region it addresses, its URL bases and route arguments.</summary>
internal sealed class ComputeRequest
{
    public required HttpContext Http { get; init; }
    public required EmulatorState State { get; init; }
    public required RegionState Region { get; init; }

    /// <summary>"v2", "v2.1" or "v1.1".</summary>
    public required string Version { get; init; }
    public required string TenantId { get; init; }

    /// <summary>"" for the first region, else "{RegionName}/".</summary>
    public required string RegionPrefix { get; init; }
    public required string BaseUrl { get; init; }
    public string[] Args { get; set; } = [];
    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    public EmulatorOptions Options => State.Options;
    public bool IntegerIds => Options.IdStyle == IdStyle.Integer;

    private string? _versionBase, _bookmarkBase;

    /// <summary>"http://host/v2.1/1234/" (for self links).</summary>
    public string VersionBase => _versionBase ??= BaseUrl + RegionPrefix + Version + "/" + TenantId + "/";

    /// <summary>"http://host/1234/" (for bookmark links).</summary>
    public string BookmarkBase => _bookmarkBase ??= BaseUrl + RegionPrefix + TenantId + "/";

    /// <summary>"http://host/image/" (or ".../{Region}/image/"): the catalog's image service, where Nova's image URLs point.</summary>
    public string ImageServiceBase => BaseUrl + RegionPrefix + "image/";

    public string Arg(int i) => Args[i];

    public Task<JsonElement> BodyAsync() => JsonIn.ReadAsync(Http, Options.MaxRequestBodyBytes);

    public string? Query(string name)
    {
        var v = Http.Request.Query[name];
        return v.Count == 0 ? null : v[0];
    }

    public Task JsonAsync(int status, Action<Utf8JsonWriter> body, int sizeHint = 4096) => JsonOut.WriteAsync(Http, status, body, sizeHint);

    public Task EmptyAsync(int status) => JsonOut.EmptyAsync(Http, status);

    public ServerRecord RequireServer(string id) =>
        Region.Servers.Get(id) ?? throw ApiException.NotFound($"Instance {id} could not be found.");

    public ImageRecord RequireImage(string id) =>
        Region.Images.Get(id) ?? throw ApiException.NotFound("Image not found.");
}
