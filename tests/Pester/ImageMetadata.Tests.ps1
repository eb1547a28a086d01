# Get-, Set- and Remove-ComputeImageMetadata: merge, -Replace, single keys, removal, the 128-item limit
# (Nova answers 403, the emulator 413; both must surface as MetadataLimitExceeded), pipelines.
# Metadata keys avoid the names Glance reserves (owner, size, status, ...): real Nova passes them on and Glance refuses them.

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    $null = Enter-ComputeModuleTest
    if (Test-EmulatorBackend) {
        Reset-Emulator
        $null = Initialize-EmulatorSeed -Servers 12 -Seed 6
    }
    $null = Connect-TestCloud
    $servers = @(Get-TestActiveServer -Minimum 3)
    $created = [System.Collections.Generic.List[object]]::new()
    $serverPool = @{ Next = 0 }

    function New-TestImageWithMetadata {
        param([hashtable] $Metadata)
        $server = $servers[$serverPool.Next % $servers.Count]
        $serverPool.Next++
        $image = New-TestSnapshot -Server $server -Name (Get-TestUniqueName 'cmtest-meta') -Metadata $Metadata
        $created.Add($image)
        $image
    }

    function Get-TestMetadataTable {
        param([string] $ImageId)
        $table = @{}
        foreach ($entry in @(Get-ComputeImageMetadata -ImageId $ImageId -ErrorAction Stop)) { $table[$entry.Key] = $entry.Value }
        $table
    }

    $image = New-TestImageWithMetadata -Metadata @{ color = 'blue'; tier = 'large' }
}

AfterAll {
    try {
        $created | Remove-TestImage
    }
    finally {
        Exit-ComputeModuleTest
    }
}

Describe 'Get-ComputeImageMetadata' {
    It 'returns one ComputeImageMetadataEntry per key' {
        $entries = @(Get-ComputeImageMetadata -ImageId $image.Id -ErrorAction Stop)
        $mine = @($entries | Where-Object { $_.Key -eq 'color' -or $_.Key -eq 'tier' })
        $mine | Should -HaveCount 2
        foreach ($entry in $entries) {
            $entry | Should -BeOfType 'ComputeModule.Models.ComputeImageMetadataEntry'
            $entry.ImageId | Should -Be $image.Id
        }
        ($entries | Where-Object { $_.Key -eq 'color' }).Value | Should -Be 'blue'
    }

    It 'returns only the keys asked for with -Key' {
        $entries = @(Get-ComputeImageMetadata -ImageId $image.Id -Key 'tier' -ErrorAction Stop)
        $entries | Should -HaveCount 1
        $entries[0].Key | Should -Be 'tier'
        $entries[0].Value | Should -Be 'large'
        @(Get-ComputeImageMetadata -ImageId $image.Id -Key 'tier', 'color' -ErrorAction Stop) | Should -HaveCount 2
    }

    It 'takes images from the pipeline and accepts the Id alias' {
        $entries = @($image | Get-ComputeImageMetadata -ErrorAction Stop)
        @($entries | ForEach-Object { $_.Key }) | Should -Contain 'color'
        @(Get-ComputeImageMetadata -Id $image.Id -Key 'color' -ErrorAction Stop) | Should -HaveCount 1
    }

    It 'an unknown image gives ImageNotFound' {
        { Get-ComputeImageMetadata -ImageId '11111111-0000-4000-8000-000000000000' -ErrorAction Stop } | Should -Throw -ErrorId 'ImageNotFound*'
    }

    It 'an unknown key is an error naming the key' {
        $errors = $null
        $entries = @(Get-ComputeImageMetadata -ImageId $image.Id -Key 'no-such-key' -ErrorAction SilentlyContinue -ErrorVariable errors)
        $entries | Should -HaveCount 0
        $errors | Should -HaveCount 1
        "$($errors[0].TargetObject) $($errors[0].Exception.Message)" | Should -Match 'no-such-key'
    }
}

Describe 'Set-ComputeImageMetadata' {
    It 'merges new keys into the existing metadata' {
        $target = New-TestImageWithMetadata -Metadata @{ a = '1'; b = '2' }
        Set-ComputeImageMetadata -ImageId $target.Id -Metadata @{ c = '3'; b = '20' } -ErrorAction Stop
        $table = Get-TestMetadataTable $target.Id
        $table['a'] | Should -Be '1'
        $table['b'] | Should -Be '20'
        $table['c'] | Should -Be '3'
    }

    It 'replaces all metadata with -Replace' {
        $target = New-TestImageWithMetadata -Metadata @{ a = '1'; b = '2' }
        Set-ComputeImageMetadata -ImageId $target.Id -Metadata @{ only = 'this' } -Replace -ErrorAction Stop
        $table = Get-TestMetadataTable $target.Id
        $table.ContainsKey('a') | Should -BeFalse
        $table.ContainsKey('b') | Should -BeFalse
        $table['only'] | Should -Be 'this'
    }

    It 'updates a single key and leaves the others' {
        $target = New-TestImageWithMetadata -Metadata @{ keep = 'me'; change = 'old' }
        Set-ComputeImageMetadata -ImageId $target.Id -Metadata @{ change = 'new' } -ErrorAction Stop
        (Get-ComputeImageMetadata -ImageId $target.Id -Key 'change' -ErrorAction Stop).Value | Should -Be 'new'
        (Get-ComputeImageMetadata -ImageId $target.Id -Key 'keep' -ErrorAction Stop).Value | Should -Be 'me'
    }

    It 'returns the resulting set with -PassThru and nothing without it' {
        $target = New-TestImageWithMetadata -Metadata @{ x = '1' }
        @(Set-ComputeImageMetadata -ImageId $target.Id -Metadata @{ y = '2' } -ErrorAction Stop) | Should -HaveCount 0
        $result = @(Set-ComputeImageMetadata -ImageId $target.Id -Metadata @{ z = '3' } -PassThru -ErrorAction Stop)
        $keys = @($result | ForEach-Object { $_.Key })
        $keys | Should -Contain 'x'
        $keys | Should -Contain 'y'
        $keys | Should -Contain 'z'
        foreach ($entry in $result) { $entry | Should -BeOfType 'ComputeModule.Models.ComputeImageMetadataEntry' }
    }

    It 'sets metadata on piped images' {
        $one = New-TestImageWithMetadata -Metadata @{ n = '1' }
        $two = New-TestImageWithMetadata -Metadata @{ n = '2' }
        $one, $two | Set-ComputeImageMetadata -Metadata @{ batch = 'yes' } -ErrorAction Stop
        (Get-TestMetadataTable $one.Id)['batch'] | Should -Be 'yes'
        (Get-TestMetadataTable $two.Id)['batch'] | Should -Be 'yes'
    }

    It 'beyond 128 items fails with a clear MetadataLimitExceeded error' {
        $target = New-TestImageWithMetadata -Metadata @{ seed = '0' }
        $many = @{}
        for ($i = 0; $i -lt 130; $i++) { $many["key$i"] = "value$i" }
        $failure = { Set-ComputeImageMetadata -ImageId $target.Id -Metadata $many -ErrorAction Stop } | Should -Throw -ErrorId 'MetadataLimitExceeded*' -PassThru
        $failure.Exception.Message | Should -Match '128|limit|quota'
        (Get-TestMetadataTable $target.Id).ContainsKey('key0') | Should -BeFalse
    }

    It 'an unknown image gives ImageNotFound' {
        { Set-ComputeImageMetadata -ImageId '22222222-0000-4000-8000-000000000000' -Metadata @{ a = 'b' } -ErrorAction Stop } | Should -Throw -ErrorId 'ImageNotFound*'
    }

    It '-WhatIf changes nothing and sends no request' -Tag 'EmulatorOnly' {
        Clear-EmulatorRequestLog
        Set-ComputeImageMetadata -ImageId $image.Id -Metadata @{ whatif = 'x' } -Replace -WhatIf
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
        (Get-TestMetadataTable $image.Id)['color'] | Should -Be 'blue'
    }

    It 'refuses invalid metadata before sending anything' -Tag 'EmulatorOnly' {
        Clear-EmulatorRequestLog
        { Set-ComputeImageMetadata -ImageId $image.Id -Metadata @{ ('k' * 300) = 'v' } -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidMetadata*'
        { Set-ComputeImageMetadata -ImageId $image.Id -Metadata @{ '' = 'v' } -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidMetadata*'
        { Set-ComputeImageMetadata -ImageId $image.Id -Metadata @{ k = ('v' * 300) } -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidMetadata*'
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
    }
}

Describe 'Remove-ComputeImageMetadata' {
    It 'removes the given keys' {
        $target = New-TestImageWithMetadata -Metadata @{ a = '1'; b = '2'; c = '3' }
        Remove-ComputeImageMetadata -ImageId $target.Id -Key 'a', 'b' -Confirm:$false -ErrorAction Stop
        $table = Get-TestMetadataTable $target.Id
        $table.ContainsKey('a') | Should -BeFalse
        $table.ContainsKey('b') | Should -BeFalse
        $table['c'] | Should -Be '3'
    }

    It 'removes entries piped from Get-ComputeImageMetadata' {
        $target = New-TestImageWithMetadata -Metadata @{ drop1 = 'x'; drop2 = 'y'; stay = 'z' }
        Get-ComputeImageMetadata -ImageId $target.Id -Key 'drop1', 'drop2' -ErrorAction Stop | Remove-ComputeImageMetadata -Confirm:$false -ErrorAction Stop
        $table = Get-TestMetadataTable $target.Id
        $table.ContainsKey('drop1') | Should -BeFalse
        $table.ContainsKey('drop2') | Should -BeFalse
        $table['stay'] | Should -Be 'z'
    }

    It 'a missing key is a non-terminating error naming the key; the other keys are still removed' {
        $target = New-TestImageWithMetadata -Metadata @{ a = '1'; b = '2' }
        $errors = $null
        Remove-ComputeImageMetadata -ImageId $target.Id -Key 'a', 'missing', 'b' -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors | Should -HaveCount 1
        "$($errors[0].TargetObject) $($errors[0].Exception.Message)" | Should -Match 'missing'
        $table = Get-TestMetadataTable $target.Id
        $table.ContainsKey('a') | Should -BeFalse
        $table.ContainsKey('b') | Should -BeFalse
    }

    It '-WhatIf removes nothing and sends no request' -Tag 'EmulatorOnly' {
        Clear-EmulatorRequestLog
        Remove-ComputeImageMetadata -ImageId $image.Id -Key 'color' -WhatIf
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
        (Get-TestMetadataTable $image.Id)['color'] | Should -Be 'blue'
    }
}
