namespace Alexandria.Contracts
{
    /// <summary>
    /// Anchor for the assembly that holds the types generated from <c>contracts/</c>.
    /// Everything else in Alexandria references this project rather than hand-written copies.
    /// </summary>
    public static class ContractsAssembly
    {
        /// <summary>The folder, relative to the repository root, the contracts are compiled from.</summary>
        public const string ContractsFolder = "contracts";
    }
}
