namespace ComputeModule.Models
{
    /// <summary>One metadata item of an image.</summary>
    public sealed class ComputeImageMetadataEntry
    {
        internal ComputeImageMetadataEntry(string imageId, string key, string value)
        {
            ImageId = imageId;
            Key = key;
            Value = value;
        }

        /// <summary>The image the item belongs to.</summary>
        public string ImageId { get; }

        /// <summary>The key.</summary>
        public string Key { get; }

        /// <summary>The value.</summary>
        public string Value { get; }

        /// <summary>"key=value".</summary>
        public override string ToString() => Key + "=" + Value;
    }
}
