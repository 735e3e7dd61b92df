using System.Diagnostics;

namespace Alexandria.Runtime.Tests.Infrastructure;

/// <summary>A throwaway cluster started by a child process (<c>CrashHost postgres-cluster</c>), its owner.</summary>
/// <param name="Owner">The child; closing its stdin makes it dispose the cluster as a fixture does.</param>
/// <param name="RootDirectory">The cluster's directory in the system temp.</param>
/// <param name="Postmaster">The server's pid.</param>
public sealed record HeldCluster(Process Owner, string RootDirectory, int Postmaster);
