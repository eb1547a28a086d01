# Get-, Set- and Remove-ComputeImageMetadata: merge, -Replace, single keys, removal, the 128-item limit
# (Nova answers 403, the emulator 413; both must surface as MetadataLimitExceeded), pipelines.
# Metadata keys avoid the names Glance reserves (owner, size, status, ...): real Nova passes them on and Glance refuses them.
# Bad input is refused before anything is sent (-ForEach cases, ErrorId and the request log); entries are pinned in
# Sort-Object, Group-Object, Export-Csv/Import-Csv (rows bind back to Remove-ComputeImageMetadata) and ConvertTo-Json.

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

    It 'stores keys and values of exactly 255 characters, empty values and scalar values as text' {
        $target = New-TestImageWithMetadata -Metadata @{ seed = '0' }
        $long = 'k' * 255
        Set-ComputeImageMetadata -ImageId $target.Id -Metadata @{ $long = ('v' * 255); empty = ''; count = 5; flag = $true } -ErrorAction Stop
        $table = Get-TestMetadataTable $target.Id
        $table[$long] | Should -BeExactly ('v' * 255)
        $table.ContainsKey('empty') | Should -BeTrue
        $table['empty'] | Should -BeExactly ''
        $table['count'] | Should -BeExactly '5'
        $table['flag'] | Should -BeExactly 'true'
    }

    It 'refuses <Case> before sending anything: <ErrorId>' -Tag 'EmulatorOnly' -ForEach @(
        @{ Case = 'a key of 256 characters'; Arguments = @{ Metadata = @{ ('k' * 256) = 'v' } }; ErrorId = 'InvalidMetadata' }
        @{ Case = 'a key of 256 characters with -Replace'; Arguments = @{ Metadata = @{ ('k' * 256) = 'v' }; Replace = $true }; ErrorId = 'InvalidMetadata' }
        @{ Case = 'an empty key'; Arguments = @{ Metadata = @{ '' = 'v' } }; ErrorId = 'InvalidMetadata' }
        @{ Case = 'an empty key with -Replace'; Arguments = @{ Metadata = @{ '' = 'v' }; Replace = $true }; ErrorId = 'InvalidMetadata' }
        @{ Case = 'a blank key'; Arguments = @{ Metadata = @{ ' ' = 'v' } }; ErrorId = 'InvalidMetadata' }
        @{ Case = 'a value of 256 characters'; Arguments = @{ Metadata = @{ k = ('v' * 256) } }; ErrorId = 'InvalidMetadata' }
        @{ Case = 'a value of 256 characters with -Replace'; Arguments = @{ Metadata = @{ k = ('v' * 256) }; Replace = $true }; ErrorId = 'InvalidMetadata' }
        @{ Case = 'a $null value'; Arguments = @{ Metadata = @{ k = $null } }; ErrorId = 'InvalidMetadata' }
        @{ Case = 'an array value'; Arguments = @{ Metadata = @{ k = @('a', 'b') } }; ErrorId = 'InvalidMetadata' }
        @{ Case = 'a hashtable value'; Arguments = @{ Metadata = @{ k = @{ a = 'b' } } }; ErrorId = 'InvalidMetadata' }
        @{ Case = 'a key that is not a string'; Arguments = @{ Metadata = @{ 42 = 'v' } }; ErrorId = 'InvalidMetadata' }
        @{ Case = 'a good key next to a bad one'; Arguments = @{ Metadata = @{ good = 'v'; ('k' * 300) = 'v' } }; ErrorId = 'InvalidMetadata' }
        @{ Case = '-Metadata $null'; Arguments = @{ Metadata = $null }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = 'an empty -ImageId'; Arguments = @{ ImageId = ''; Metadata = @{ k = 'v' } }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-ImageId $null'; Arguments = @{ ImageId = $null; Metadata = @{ k = 'v' } }; ErrorId = 'ParameterArgumentValidationError' }
    ) {
        $arguments = $Arguments.Clone()
        if (-not $arguments.ContainsKey('ImageId')) { $arguments.ImageId = $image.Id }
        Clear-EmulatorRequestLog
        { Set-ComputeImageMetadata @arguments -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,ComputeModule.Commands.SetComputeImageMetadataCommand"
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
    }
}

Describe 'Get- and Remove-ComputeImageMetadata refuse bad input before sending anything' -Tag 'EmulatorOnly' {
    It '<Command> <Case>: <ErrorId>' -ForEach @(
        @{ Command = 'Get-ComputeImageMetadata'; Case = 'an empty -ImageId'; Arguments = @{ ImageId = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Command = 'Get-ComputeImageMetadata'; Case = '-ImageId $null'; Arguments = @{ ImageId = $null }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Command = 'Get-ComputeImageMetadata'; Case = 'an empty -Key'; Arguments = @{ Key = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Command = 'Get-ComputeImageMetadata'; Case = '-Key $null'; Arguments = @{ Key = $null }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Command = 'Get-ComputeImageMetadata'; Case = '-Key with an empty element'; Arguments = @{ Key = @('color', '') }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Command = 'Remove-ComputeImageMetadata'; Case = 'an empty -ImageId'; Arguments = @{ ImageId = ''; Key = 'color' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Command = 'Remove-ComputeImageMetadata'; Case = 'an empty -Key'; Arguments = @{ Key = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Command = 'Remove-ComputeImageMetadata'; Case = '-Key $null'; Arguments = @{ Key = $null }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Command = 'Remove-ComputeImageMetadata'; Case = '-Key with an empty element'; Arguments = @{ Key = @('color', '') }; ErrorId = 'ParameterArgumentValidationError' }
    ) {
        $arguments = $Arguments.Clone()
        if (-not $arguments.ContainsKey('ImageId')) { $arguments.ImageId = $image.Id }
        if ($Command -like 'Remove-*') { $arguments.Confirm = $false }
        $typeName = 'ComputeModule.Commands.' + ($Command -replace '-', '') + 'Command'
        Clear-EmulatorRequestLog
        { & $Command @arguments -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,$typeName"
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
        (Get-TestMetadataTable $image.Id)['color'] | Should -Be 'blue'
    }

    It 'keys ".." and "." stay one path segment (known defect, issue 8: dot segments are not escaped, so Remove-ComputeImageMetadata -Key ".." sends DELETE .../images/{id}/ and deletes the whole image without an error; Get-ComputeImageMetadata -Key "." asks for GET .../metadata/ and reports ImageNotFound instead of MetadataKeyNotFound)' -Skip {
        $target = New-TestImageWithMetadata -Metadata @{ keep = 'me' }
        $errors = $null
        Remove-ComputeImageMetadata -ImageId $target.Id -Key '..' -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MetadataKeyNotFound*'
        (Get-ComputeImage -Id $target.Id -ErrorAction Stop).Id | Should -Be $target.Id -Because 'removing a metadata key must never delete the image'
        $errors = $null
        $null = @(Get-ComputeImageMetadata -ImageId $target.Id -Key '.' -ErrorAction SilentlyContinue -ErrorVariable errors)
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MetadataKeyNotFound*'
    }
}

Describe 'Metadata entries in the object pipeline' {
    BeforeAll {
        $first = New-TestImageWithMetadata -Metadata @{ app = 'web'; tier = 'front'; zone = 'a' }
        $second = New-TestImageWithMetadata -Metadata @{ app = 'db'; tier = 'back' }
        $mine = 'app', 'tier', 'zone'
        $entries = @($first, $second | Get-ComputeImageMetadata -ErrorAction Stop | Where-Object { $mine -contains $_.Key })

        function Assert-SameEntries([object[]] $Actual, [object[]] $Expected) {
            # What came back through a file or JSON: the same entries, in order, with ImageId, Key and Value.
            $Actual | Should -HaveCount $Expected.Count
            for ($i = 0; $i -lt $Expected.Count; $i++) {
                $Actual[$i].ImageId | Should -Be $Expected[$i].ImageId
                $Actual[$i].Key | Should -Be $Expected[$i].Key
                $Actual[$i].Value | Should -Be $Expected[$i].Value
            }
        }
    }

    It 'Sort-Object Key, Value orders the entries' {
        $sorted = @($entries | Sort-Object Key, Value)
        $sorted | Should -HaveCount 5
        @($sorted | ForEach-Object { "$_" }) | Should -Be @('app=db', 'app=web', 'tier=back', 'tier=front', 'zone=a')
    }

    It 'Group-Object ImageId gives one group per image with its entries' {
        $groups = @($entries | Group-Object ImageId)
        $groups | Should -HaveCount 2
        ($groups | Where-Object Name -eq $first.Id).Count | Should -Be 3
        ($groups | Where-Object Name -eq $second.Id).Count | Should -Be 2
    }

    It 'Group-Object Key -AsHashTable collects the values per key' {
        $byKey = $entries | Group-Object Key -AsHashTable -AsString
        @($byKey['app'] | ForEach-Object { $_.Value } | Sort-Object) | Should -Be @('db', 'web')
        @($byKey['zone']) | Should -HaveCount 1
    }

    It 'Export-Csv and Import-Csv keep ImageId, Key and Value' {
        $path = Join-Path $TestDrive 'metadata.csv'
        $entries | Export-Csv -LiteralPath $path -NoTypeInformation
        Assert-SameEntries -Actual @(Import-Csv -LiteralPath $path) -Expected $entries
    }

    It 'rows from Import-Csv bind by property name to Remove-ComputeImageMetadata' {
        $target = New-TestImageWithMetadata -Metadata @{ drop = 'x'; stay = 'y' }
        $path = Join-Path $TestDrive 'drop.csv'
        Get-ComputeImageMetadata -ImageId $target.Id -Key 'drop' -ErrorAction Stop | Export-Csv -LiteralPath $path -NoTypeInformation
        Import-Csv -LiteralPath $path | Remove-ComputeImageMetadata -Confirm:$false -ErrorAction Stop
        $table = Get-TestMetadataTable $target.Id
        $table.ContainsKey('drop') | Should -BeFalse
        $table['stay'] | Should -Be 'y'
    }

    It 'ConvertTo-Json keeps ImageId, Key and Value' {
        # Two steps: Windows PowerShell 5.1's ConvertFrom-Json writes an array as one object.
        $parsed = $entries | ConvertTo-Json | ConvertFrom-Json
        Assert-SameEntries -Actual @($parsed) -Expected $entries
    }

    It 'metadata copied through JSON onto another image with Set-ComputeImageMetadata' {
        $target = New-TestImageWithMetadata -Metadata @{ seed = '0' }
        $json = $first | Get-ComputeImageMetadata -Key $mine -ErrorAction Stop | ConvertTo-Json
        $copy = @{}
        $parsed = ConvertFrom-Json -InputObject $json
        foreach ($entry in $parsed) { $copy[$entry.Key] = $entry.Value }
        Set-ComputeImageMetadata -ImageId $target.Id -Metadata $copy -ErrorAction Stop
        $table = Get-TestMetadataTable $target.Id
        $table['app'] | Should -Be 'web'
        $table['tier'] | Should -Be 'front'
        $table['zone'] | Should -Be 'a'
    }

    It 'Where-Object Key -like filters entries before Remove-ComputeImageMetadata' {
        $target = New-TestImageWithMetadata -Metadata @{ 'tmp.one' = '1'; 'tmp.two' = '2'; keep = '3' }
        Get-ComputeImageMetadata -ImageId $target.Id -ErrorAction Stop | Where-Object Key -like 'tmp.*' | Remove-ComputeImageMetadata -Confirm:$false -ErrorAction Stop
        $table = Get-TestMetadataTable $target.Id
        @($table.Keys | Where-Object { $_ -like 'tmp.*' }) | Should -HaveCount 0
        $table['keep'] | Should -Be '3'
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
