# The module's surface: exported cmdlets, conventions (OutputType, ShouldProcess, no List<> parameters,
# pipeline binding, parameter sets of DESIGN.md), help with examples, argument completion, and a quiet import;
# one It per cmdlet where a check applies to each (BeforeDiscovery data). The default views through Format-Table,
# Format-List and Out-String at 80 and 200 columns.

BeforeDiscovery {
    # The data of the per-cmdlet Its (-ForEach needs it while the file is discovered, before BeforeAll runs).
    $cmdletNames = @(
        'Connect-ComputeService', 'Disconnect-ComputeService', 'Get-ComputeConnection',
        'Get-ComputeServer', 'Get-ComputeImage', 'New-ComputeImage', 'Remove-ComputeImage',
        'Get-ComputeImageMetadata', 'Set-ComputeImageMetadata', 'Remove-ComputeImageMetadata',
        'Enable-ComputeImageSchedule', 'Get-ComputeImageSchedule', 'Disable-ComputeImageSchedule'
    )
    $outputCases = @(
        @{ Command = 'Connect-ComputeService'; Type = 'ComputeModule.Models.ComputeConnection' }
        @{ Command = 'Get-ComputeConnection'; Type = 'ComputeModule.Models.ComputeConnection' }
        @{ Command = 'Get-ComputeServer'; Type = 'ComputeModule.Models.ComputeServer' }
        @{ Command = 'Get-ComputeImage'; Type = 'ComputeModule.Models.ComputeImage' }
        @{ Command = 'New-ComputeImage'; Type = 'ComputeModule.Models.ComputeImage' }
        @{ Command = 'Get-ComputeImageMetadata'; Type = 'ComputeModule.Models.ComputeImageMetadataEntry' }
        @{ Command = 'Set-ComputeImageMetadata'; Type = 'ComputeModule.Models.ComputeImageMetadataEntry' }
        @{ Command = 'Enable-ComputeImageSchedule'; Type = 'ComputeModule.Models.ComputeImageSchedule' }
        @{ Command = 'Get-ComputeImageSchedule'; Type = 'ComputeModule.Models.ComputeImageSchedule' }
    )
    $idCases = @(
        @{ Command = 'Get-ComputeServer'; Parameter = 'Id'; Alias = 'ServerId' }
        @{ Command = 'Get-ComputeImage'; Parameter = 'Id'; Alias = 'ImageId' }
        @{ Command = 'New-ComputeImage'; Parameter = 'ServerId'; Alias = 'Id' }
        @{ Command = 'Remove-ComputeImage'; Parameter = 'ImageId'; Alias = 'Id' }
        @{ Command = 'Get-ComputeImageMetadata'; Parameter = 'ImageId'; Alias = 'Id' }
        @{ Command = 'Set-ComputeImageMetadata'; Parameter = 'ImageId'; Alias = 'Id' }
        @{ Command = 'Remove-ComputeImageMetadata'; Parameter = 'ImageId'; Alias = 'Id' }
        @{ Command = 'Remove-ComputeImageMetadata'; Parameter = 'Key'; Alias = $null }
        @{ Command = 'Enable-ComputeImageSchedule'; Parameter = 'ServerId'; Alias = 'Id' }
        @{ Command = 'Get-ComputeImageSchedule'; Parameter = 'ServerId'; Alias = 'Id' }
        @{ Command = 'Disable-ComputeImageSchedule'; Parameter = 'ServerId'; Alias = 'Id' }
    )
}

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    $module = @(Enter-ComputeModuleTest)[0]
    $cmdlets = @(Get-Command -Module ComputeModule -CommandType Cmdlet)
    $expectedCmdlets = @(
        'Connect-ComputeService', 'Disconnect-ComputeService', 'Get-ComputeConnection',
        'Get-ComputeServer', 'Get-ComputeImage', 'New-ComputeImage', 'Remove-ComputeImage',
        'Get-ComputeImageMetadata', 'Set-ComputeImageMetadata', 'Remove-ComputeImageMetadata',
        'Enable-ComputeImageSchedule', 'Get-ComputeImageSchedule', 'Disable-ComputeImageSchedule'
    )
    $stateChanging = @('New-ComputeImage', 'Remove-ComputeImage', 'Set-ComputeImageMetadata', 'Remove-ComputeImageMetadata',
        'Enable-ComputeImageSchedule', 'Disable-ComputeImageSchedule')

    function Get-TestParameterSetNames {
        param([string] $Name)
        @((Get-Command $Name).ParameterSets | ForEach-Object { $_.Name })
    }
}

AfterAll {
    Exit-ComputeModuleTest
}

Describe 'The module' {
    It 'exports exactly the cmdlets of DESIGN.md' -ForEach @(@{ Discovered = $cmdletNames }) {
        $names = @($cmdlets | ForEach-Object { $_.Name })
        foreach ($name in $expectedCmdlets) { $names | Should -Contain $name }
        $names | Should -HaveCount $expectedCmdlets.Count
        @($Discovered | Sort-Object) | Should -Be @($expectedCmdlets | Sort-Object) -Because 'the per-cmdlet Its (BeforeDiscovery) cover the same cmdlets'
    }

    It 'is a binary module for Desktop and Core' {
        $module.Version | Should -Not -BeNullOrEmpty
        $manifest = Test-ModuleManifest -Path (Get-ComputeModuleUnderTestPath) -ErrorAction Stop
        @($manifest.CompatiblePSEditions) | Should -Contain 'Desktop'
        @($manifest.CompatiblePSEditions) | Should -Contain 'Core'
        @($manifest.ExportedCmdlets.Keys) | Should -HaveCount $expectedCmdlets.Count
    }

    It 'imports without any network request' -Tag 'EmulatorOnly' {
        Clear-EmulatorRequestLog
        $null = Import-Module -Name (Get-ComputeModuleUnderTestPath) -Global -Force -ErrorAction Stop
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
    }
}

Describe 'Conventions' {
    It '<_> declares [OutputType]' -ForEach $cmdletNames {
        $attributes = @((Get-Command $_).ImplementingType.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $true))
        $attributes.Count | Should -BeGreaterOrEqual 1
    }

    It '<Command> declares the model type of DESIGN.md, <Type>' -ForEach $outputCases {
        @((Get-Command $Command).OutputType | ForEach-Object { $_.Name }) | Should -Contain $Type
    }

    It 'state-changing cmdlets support ShouldProcess; the others do not' {
        foreach ($cmd in $cmdlets) {
            $supports = $cmd.Parameters.ContainsKey('WhatIf') -and $cmd.Parameters.ContainsKey('Confirm')
            if ($stateChanging -contains $cmd.Name) { $supports | Should -BeTrue -Because "$($cmd.Name) changes state" }
            elseif ($cmd.Name -like 'Get-*') { $supports | Should -BeFalse -Because "$($cmd.Name) only reads" }
        }
    }

    It 'Remove-ComputeImage has ConfirmImpact High' {
        $attribute = @((Get-Command Remove-ComputeImage).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true))[0]
        $attribute.ConfirmImpact.ToString() | Should -Be 'High'
    }

    It 'no other cmdlet asks for confirmation by default (ConfirmImpact below High)' {
        foreach ($name in $stateChanging) {
            if ($name -eq 'Remove-ComputeImage') { continue }
            $attribute = @((Get-Command $name).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true))[0]
            $attribute.ConfirmImpact.ToString() | Should -Not -Be 'High' -Because "$name is not an irreversible bulk delete"
        }
    }

    It 'no parameter is a List<> (string[] and arrays instead)' {
        foreach ($cmd in $cmdlets) {
            foreach ($parameter in $cmd.Parameters.Values) {
                $type = $parameter.ParameterType
                $isList = $type.IsGenericType -and ($type.GetGenericTypeDefinition() -eq [System.Collections.Generic.List`1])
                $isList | Should -BeFalse -Because "$($cmd.Name) -$($parameter.Name) is $type"
                ($type -eq [System.Collections.ArrayList]) | Should -BeFalse -Because "$($cmd.Name) -$($parameter.Name) is ArrayList"
            }
        }
    }

    It 'cmdlets are sealed and take -Connection' {
        foreach ($cmd in $cmdlets) {
            $cmd.ImplementingType.IsSealed | Should -BeTrue -Because "$($cmd.Name) is sealed"
            if ($cmd.Name -ne 'Connect-ComputeService' -and $cmd.Name -ne 'Get-ComputeConnection') {
                $cmd.Parameters.ContainsKey('Connection') | Should -BeTrue -Because "$($cmd.Name) takes -Connection"
                $cmd.Parameters['Connection'].ParameterType.FullName | Should -Be 'ComputeModule.Models.ComputeConnection'
            }
        }
    }

    It '<Command> -<Parameter> binds from the pipeline by property name, with its alias' -ForEach $idCases {
        $parameter = (Get-Command $Command).Parameters[$Parameter]
        $parameter | Should -Not -BeNullOrEmpty
        @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipelineByPropertyName }).Count |
            Should -BeGreaterOrEqual 1
        if ($Alias) { $parameter.Aliases | Should -Contain $Alias }
    }

    It 'New-ComputeImage -Name is mandatory and binds by property name (for -Name { ... } per server)' {
        (Get-Command New-ComputeImage).Parameters['Name'].Attributes |
            Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipelineByPropertyName -and $_.Mandatory } |
            Should -Not -BeNullOrEmpty
    }

    It 'id parameters are string arrays' {
        (Get-Command Get-ComputeServer).Parameters['Id'].ParameterType | Should -Be ([string[]])
        (Get-Command Get-ComputeImage).Parameters['Id'].ParameterType | Should -Be ([string[]])
        (Get-Command Get-ComputeImageMetadata).Parameters['Key'].ParameterType | Should -Be ([string[]])
        (Get-Command Remove-ComputeImageMetadata).Parameters['Key'].ParameterType | Should -Be ([string[]])
    }

    It 'has the parameter sets of DESIGN.md' {
        $connect = Get-TestParameterSetNames 'Connect-ComputeService'
        foreach ($set in 'Password', 'ApiKey', 'Token', 'Environment') { $connect | Should -Contain $set }
        $servers = Get-TestParameterSetNames 'Get-ComputeServer'
        $servers | Should -Contain 'List'
        $servers | Should -Contain 'Id'
        $images = Get-TestParameterSetNames 'Get-ComputeImage'
        $images | Should -Contain 'List'
        $images | Should -Contain 'Id'
        $schedule = Get-TestParameterSetNames 'Enable-ComputeImageSchedule'
        $schedule | Should -Contain 'Daily'
        $schedule | Should -Contain 'Weekly'
        (Get-Command Connect-ComputeService).Parameters['ProjectName'].Aliases | Should -Contain 'TenantName'
        (Get-Command Connect-ComputeService).Parameters['ProjectId'].Aliases | Should -Contain 'TenantId'
        (Get-Command Connect-ComputeService).Parameters['ApiKey'].ParameterType | Should -Be ([System.Security.SecureString])
        (Get-Command Connect-ComputeService).Parameters['Token'].ParameterType | Should -Be ([System.Security.SecureString])
        (Get-Command Enable-ComputeImageSchedule).Parameters['DayOfWeek'].ParameterType | Should -Be ([System.DayOfWeek])
        (Get-Command Set-ComputeImageMetadata).Parameters['Metadata'].ParameterType | Should -Be ([hashtable])
    }

    It 'each parameter set has at most one ByValue pipeline parameter' {
        foreach ($cmd in $cmdlets) {
            foreach ($set in $cmd.ParameterSets) {
                @($set.Parameters | Where-Object { $_.ValueFromPipeline }).Count | Should -BeLessOrEqual 1 -Because "$($cmd.Name) set $($set.Name)"
            }
        }
    }

    It '-Retention accepts 1..65535' {
        $range = @((Get-Command Enable-ComputeImageSchedule).Parameters['Retention'].Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] })
        $range | Should -HaveCount 1
        $range[0].MinRange | Should -Be 1
        $range[0].MaxRange | Should -Be 65535
    }

    It 'public models are sealed with get-only properties' {
        foreach ($typeName in 'ComputeConnection', 'ComputeServer', 'ComputeImage', 'ComputeImageMetadataEntry', 'ComputeImageSchedule') {
            $type = "ComputeModule.Models.$typeName" -as [type]
            $type | Should -Not -BeNullOrEmpty -Because "$typeName is public"
            $type.IsSealed | Should -BeTrue -Because "$typeName is sealed"
            foreach ($property in $type.GetProperties()) {
                $setter = $property.GetSetMethod($false)
                $setter | Should -BeNullOrEmpty -Because "$typeName.$($property.Name) is get-only"
            }
        }
        $connectionProperties = @(([type] 'ComputeModule.Models.ComputeConnection').GetProperties() | ForEach-Object { $_.Name })
        $connectionProperties | Should -Not -Contain 'Token'
        $connectionProperties | Should -Not -Contain 'Password'
    }
}

Describe 'Help' -Tag 'Help' {
    It '<_> has help with a synopsis, a description and an example with code' -ForEach $cmdletNames {
        $help = Get-Help -Name $_ -Full -ErrorAction SilentlyContinue
        $synopsis = "$($help.Synopsis)".Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        ($synopsis.StartsWith($_ + ' ') -or $synopsis.StartsWith("`n")) | Should -BeFalse -Because "a synopsis that starts with the syntax is generated, not written: '$synopsis'"
        "$($help.description | ForEach-Object { $_.Text })".Trim() | Should -Not -BeNullOrEmpty -Because 'the help has a description'
        $examples = @(Get-Help -Name $_ -Examples -ErrorAction SilentlyContinue | ForEach-Object { $_.examples } | ForEach-Object { $_.example })
        $examples.Count | Should -BeGreaterOrEqual 1
        foreach ($example in $examples) { "$($example.code)".Trim() | Should -Not -BeNullOrEmpty -Because 'every example has code' }
    }

    It 'docs/cmdlets agrees with the code: sets, types, aliases, positions and pipeline input of every parameter' {
        # tools/HelpBuilder/Test-HelpSync.ps1 compares each page's SYNTAX and yaml blocks with the cmdlets' metadata.
        $check = [System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'tools', 'HelpBuilder', 'Test-HelpSync.ps1')
        $report = @(& $check 2>&1 | ForEach-Object { "$_" })
        $LASTEXITCODE | Should -Be 0 -Because ($report -join '; ')
    }

    It '<_> describes every parameter' -ForEach $cmdletNames {
        $common = @([System.Management.Automation.PSCmdlet]::CommonParameters) + @([System.Management.Automation.PSCmdlet]::OptionalCommonParameters)
        $help = Get-Help -Name $_ -Full -ErrorAction SilentlyContinue
        $described = @{}
        foreach ($p in @($help.parameters.parameter)) {
            if ($null -ne $p -and "$($p.description | ForEach-Object { $_.Text })".Trim()) { $described[$p.name] = $true }
        }
        $missing = @((Get-Command $_).Parameters.Keys | Where-Object { $common -notcontains $_ -and -not $described.ContainsKey($_) })
        $missing -join ', ' | Should -BeNullOrEmpty -Because 'every parameter needs a description'
    }
}

Describe 'Argument completion' {
    BeforeAll {
        if (Test-EmulatorBackend) {
            Reset-Emulator
            $null = Initialize-EmulatorSeed -Servers 5 -Images 2 -Seed 21
        }
        $null = Connect-TestCloud
        $servers = @(Get-ComputeServer -All -ErrorAction Stop)

        function Get-TestCompletion {
            param([string] $Line)
            $result = TabExpansion2 -inputScript $Line -cursorColumn $Line.Length
            @($result.CompletionMatches | ForEach-Object { $_.CompletionText.Trim("'", '"') })
        }
    }

    It 'completes server ids for Get-ComputeServer -Id' {
        $completions = Get-TestCompletion 'Get-ComputeServer -Id '
        $completions | Should -Contain $servers[0].Id
    }

    It 'completes server names for Get-ComputeServer -Name from a prefix' {
        $name = $servers[0].Name
        $completions = Get-TestCompletion ('Get-ComputeServer -Name ' + $name.Substring(0, [Math]::Min(3, $name.Length)))
        $completions | Should -Contain $name
    }

    It 'completes server ids for New-ComputeImage -ServerId' {
        $completions = Get-TestCompletion 'New-ComputeImage -ServerId '
        $completions | Should -Contain $servers[0].Id
    }

    It 'completes image ids for Get-ComputeImage -Id' {
        $image = @(Get-ComputeImage -All -ErrorAction Stop)[0]
        $completions = Get-TestCompletion 'Get-ComputeImage -Id '
        $completions | Should -Contain $image.Id
    }
}

Describe 'Formatting' {
    BeforeAll {
        if (Test-EmulatorBackend) {
            Reset-Emulator
            $null = Initialize-EmulatorSeed -Servers 4 -Images 2 -Seed 22
        }
        $formatConnection = Connect-TestCloud
        $formatServers = @(Get-ComputeServer -Limit 3 -ErrorAction Stop)
        $formatImage = New-TestSnapshot -Server $formatServers[0] -Name (Get-TestUniqueName 'cmtest-fmt') -Metadata @{ color = 'blue'; 'cmtest.format' = 'table' }
        $formatImages = @(Get-ComputeImage -Limit 3 -ErrorAction Stop)
        if (@($formatImages | Where-Object { $_.Id -eq $formatImage.Id }).Count -eq 0) { $formatImages = @($formatImage) + $formatImages }
        $formatEntries = @(Get-ComputeImageMetadata -ImageId $formatImage.Id -Key 'color', 'cmtest.format' -ErrorAction Stop)

        # The header line of a table (the line above the dashes) as its column labels.
        function Get-TestTableHeader {
            param([string] $Text)
            $lines = @($Text -split '\r?\n')
            for ($i = 1; $i -lt $lines.Count; $i++) {
                if ($lines[$i] -match '^[\s-]+$' -and $lines[$i] -match '-') { return @($lines[$i - 1].Trim() -split '\s+') }
            }
            @()
        }

        # Checks that a rendered table has every label in one header line and, in the row of each object (found by
        # its first value), every value that fits its column (Width 0: the last, free column).
        function Assert-TestTable {
            param([string] $Text, [string[]] $Label, [object[]] $Objects, [scriptblock] $Cells)
            $header = Get-TestTableHeader $Text
            foreach ($l in $Label) { $header | Should -Contain $l -Because "the header line has the column $l (header: $($header -join ' '))" }
            $lines = @($Text -split '\r?\n')
            foreach ($o in $Objects) {
                $rowCells = @(& $Cells $o)
                $key = [string] $rowCells[0].Value
                $row = @($lines | Where-Object { $_.Contains($key) })
                $row | Should -HaveCount 1 -Because "one row shows '$key'"
                foreach ($cell in $rowCells) {
                    $value = [string] $cell.Value
                    if ($value -and ($cell.Width -eq 0 -or $value.Length -le $cell.Width)) {
                        $row[0].Contains($value) | Should -BeTrue -Because "the row of '$key' shows '$value' in full: $($row[0])"
                    }
                }
            }
        }

        $serverCells = { param($o) @(
                @{ Value = $o.Id; Width = 36 }, @{ Value = $o.Name; Width = 24 }, @{ Value = $o.Status; Width = 10 }, @{ Value = $o.FlavorId; Width = 8 }, @{ Value = $o.Region; Width = 10 }
                foreach ($network in $o.Addresses.Keys) { @{ Value = ('{0}={1}' -f $network, ($o.Addresses[$network] -join ', ')); Width = 0 } }
            ) }
        $imageCells = { param($o) @(
                @{ Value = $o.Id; Width = 36 }, @{ Value = $o.Name; Width = 30 }, @{ Value = $o.Status; Width = 8 }, @{ Value = $o.Type; Width = 8 }, @{ Value = $o.ServerId; Width = 0 }
            ) }
        $entryCells = { param($o) @(@{ Value = $o.Key; Width = 32 }, @{ Value = $o.Value; Width = 0 }) }
        $connectionCells = { param($o) @(
                @{ Value = $o.AuthUrl; Width = 30 }, @{ Value = $o.UserName; Width = 14 }, @{ Value = $o.ProjectName; Width = 14 }, @{ Value = $o.Region; Width = 12 },
                @{ Value = $o.ComputeEndpoint; Width = 0 }, @{ Value = $o.TokenExpires; Width = 26 }
            ) }
        $serverLabels = 'ID', 'Name', 'Status', 'Networks', 'Flavor', 'Region'
        $imageLabels = 'ID', 'Name', 'Status', 'Progress', 'Type', 'Server'
        $connectionLabels = 'AuthUrl', 'UserName', 'ProjectName', 'Region', 'ComputeEndpoint', 'TokenExpires'
    }

    AfterAll {
        Remove-TestImage -Image $formatImage
    }

    It 'ships a view for every public model' {
        $formatFile = [System.IO.Path]::Combine([System.IO.Path]::GetDirectoryName((Get-ComputeModuleUnderTestPath)), 'ComputeModule.Format.ps1xml')
        [System.IO.File]::Exists($formatFile) | Should -BeTrue
        $xml = [xml] [System.IO.File]::ReadAllText($formatFile)
        $typeNames = @($xml.SelectNodes('//ViewSelectedBy/TypeName') | ForEach-Object { $_.InnerText })
        foreach ($typeName in 'ComputeServer', 'ComputeImage', 'ComputeImageMetadataEntry', 'ComputeImageSchedule', 'ComputeConnection') {
            $typeNames | Should -Contain "ComputeModule.Models.$typeName"
        }
    }

    It 'the default view of <Type> is its table: Out-String equals Format-Table | Out-String' -ForEach @(
        @{ Type = 'ComputeServer'; Variable = 'formatServers' }
        @{ Type = 'ComputeImage'; Variable = 'formatImages' }
        @{ Type = 'ComputeImageMetadataEntry'; Variable = 'formatEntries' }
        @{ Type = 'ComputeConnection'; Variable = 'formatConnection' }
    ) {
        $value = Get-Variable -Name $Variable -ValueOnly
        $objects = @($value)
        ($objects | Out-String -Width 200) | Should -BeExactly ($objects | Format-Table | Out-String -Width 200)
    }

    It 'Format-Table | Out-String -Width 200 shows every column of servers and their values in full' {
        Assert-TestTable -Text ($formatServers | Format-Table | Out-String -Width 200) -Label $serverLabels -Objects $formatServers -Cells $serverCells
    }

    It 'Format-Table | Out-String -Width 200 shows every column of images and their values in full' {
        Assert-TestTable -Text ($formatImages | Format-Table | Out-String -Width 200) -Label $imageLabels -Objects $formatImages -Cells $imageCells
    }

    It 'Format-Table | Out-String -Width 200 shows every column of a connection and its values in full' {
        Assert-TestTable -Text ($formatConnection | Format-Table | Out-String -Width 200) -Label $connectionLabels -Objects @($formatConnection) -Cells $connectionCells
    }

    It 'Out-String -Width 80 shows metadata entries under their image with Key and Value' {
        $text = $formatEntries | Out-String -Width 80
        $text | Should -Match ('Image: ' + [regex]::Escape($formatImage.Id))
        Assert-TestTable -Text $text -Label 'Key', 'Value' -Objects $formatEntries -Cells $entryCells
        foreach ($line in ($text -split '\r?\n')) { $line.Length | Should -BeLessOrEqual 80 }
    }

    It 'Out-String -Width 80 shows schedules with ServerId, Frequency, Retention and DayOfWeek' -Tag 'EmulatorOnly' {
        $schedules = @(
            Enable-ComputeImageSchedule -ServerId $formatServers[1].Id -Retention 7 -ErrorAction Stop
            Enable-ComputeImageSchedule -ServerId $formatServers[2].Id -Retention 3 -DayOfWeek Wednesday -ErrorAction Stop
        )
        $text = $schedules | Out-String -Width 80
        $cells = { param($o) @(@{ Value = $o.ServerId; Width = 36 }, @{ Value = $o.Frequency; Width = 9 }, @{ Value = $o.Retention; Width = 9 }, @{ Value = $o.DayOfWeek; Width = 0 }) }
        Assert-TestTable -Text $text -Label 'ServerId', 'Frequency', 'Retention', 'DayOfWeek' -Objects $schedules -Cells $cells
        ($schedules | Format-Table | Out-String -Width 80) | Should -BeExactly $text
        foreach ($line in ($text -split '\r?\n')) { $line.Length | Should -BeLessOrEqual 80 }
    }

    It 'Out-String -Width 80 shows servers with every column (known defect, issue 11: the fixed widths add up to more than 80, so the Networks column is one character wide with its header wrapped letter by letter, Flavor wraps to "Flavo"/"r" and Region is dropped)' -Skip {
        Assert-TestTable -Text ($formatServers | Out-String -Width 80) -Label $serverLabels -Objects $formatServers -Cells $serverCells
    }

    It 'Out-String -Width 80 shows images with every column (known defect, issue 11: the fixed widths add up to more than 80, so the Progress header wraps to "Pro"/"gre"/"ss" and the Type and Server columns are dropped)' -Skip {
        Assert-TestTable -Text ($formatImages | Out-String -Width 80) -Label $imageLabels -Objects $formatImages -Cells $imageCells
    }

    It 'Out-String -Width 80 shows a connection with every column (known defect, issue 11: ComputeEndpoint is one character wide with its header wrapped letter by letter, and TokenExpires is cut to "12/...")' -Skip {
        Assert-TestTable -Text ($formatConnection | Out-String -Width 80) -Label $connectionLabels -Objects @($formatConnection) -Cells $connectionCells
    }

    It 'Format-List | Out-String -Width 80 shows every field of <Type>' -ForEach @(
        @{ Type = 'a server'; Variable = 'formatServers'; Labels = @('Id', 'Uuid', 'Name', 'Status', 'Progress', 'ImageId', 'FlavorId', 'Addresses', 'AccessIPv4', 'AccessIPv6', 'HostId', 'TenantId', 'UserId', 'Created', 'Updated', 'Metadata', 'Region'); Values = @('Id', 'Name', 'Status', 'FlavorId', 'Region') }
        @{ Type = 'an image'; Variable = 'formatImage'; Labels = @('Id', 'Name', 'Status', 'Progress', 'Type', 'ServerId', 'MinDisk', 'MinRam', 'Created', 'Updated', 'Metadata', 'Region'); Values = @('Id', 'Name', 'Type', 'ServerId', 'Region') }
        @{ Type = 'a connection'; Variable = 'formatConnection'; Labels = @('AuthUrl', 'IdentityVersion', 'UserName', 'ProjectName', 'ProjectId', 'Region', 'Regions', 'ComputeEndpoint', 'TokenExpires'); Values = @('IdentityVersion', 'UserName', 'ProjectId', 'Region', 'ComputeEndpoint') }
    ) {
        $value = Get-Variable -Name $Variable -ValueOnly
        $object = @($value)[0]
        $text = $object | Format-List | Out-String -Width 80
        $lines = @($text -split '\r?\n')
        foreach ($label in $Labels) { @($lines | Where-Object { $_ -match ('^' + $label + '\s*: ') }) | Should -HaveCount 1 -Because "the list has the field $label" }
        foreach ($name in $Values) {
            $value = "$($object.$name)"
            @($lines | Where-Object { $_ -match ('^' + $name + '\s*: ' + [regex]::Escape($value) + '\s*$') }) | Should -HaveCount 1 -Because "$name shows '$value'"
        }
        foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual 80 }
    }
}
