namespace ComputeModule { internal static class Placeholder { } }
