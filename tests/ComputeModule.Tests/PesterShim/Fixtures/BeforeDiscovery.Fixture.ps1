# Fixture for the runner's self-tests: BeforeDiscovery is outside the subset, so every It fails.
BeforeDiscovery {
    $cases = @(1, 2)
}

Describe 'Needs discovery data' {
    It 'would pass' {
        $true | Should -BeTrue
    }
}
