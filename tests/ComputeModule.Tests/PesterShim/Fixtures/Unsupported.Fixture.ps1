# Fixture for the runner's self-tests: Pester features outside the subset must fail loudly.
Describe 'Unsupported' {
    It 'uses Mock' {
        Mock Get-Command { 'mocked' }
        $true | Should -BeTrue
    }

    It 'uses Should -Invoke' {
        Should -Invoke Get-Command -Times 1
    }

    It 'uses InModuleScope' {
        InModuleScope SomeModule { $true | Should -BeTrue }
    }

    It 'uses Should -Exist' {
        '/' | Should -Exist
    }

    It 'uses Mock on a path that does not run' {
        if ($false) { Mock Get-Command { } }
        $true | Should -BeTrue
    }

    It 'is fine' {
        $true | Should -BeTrue
    }
}
