namespace ComputeEmulator.State;

/// <summary>What <see cref="OrderedStore{T}"/> needs of an item.</summary>
internal interface IStoredItem
{
    /// <summary>The id used in URLs.</summary>
    string Id { get; }

    /// <summary>A second lookup key (the uuid of an integer-id item), or null.</summary>
    string? AltId { get; }

    /// <summary>Deleted items stay in the store (changes-since shows them) but are hidden otherwise.</summary>
    bool Deleted { get; }
}
