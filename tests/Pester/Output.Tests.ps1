# The module's surface: exported cmdlets, conventions (OutputType, ShouldProcess, no List<> parameters,
# pipeline binding, parameter sets of DESIGN.md), help with examples, argument completion, format views,
# and a quiet import.

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
    $outputs = @{
        'Connect-ComputeService'      = 'ComputeModule.Models.ComputeConnection'
        'Get-ComputeConnection'       = 'ComputeModule.Models.ComputeConnection'
        'Get-ComputeServer'           = 'ComputeModule.Models.ComputeServer'
        'Get-ComputeImage'            = 'ComputeModule.Models.ComputeImage'
        'New-ComputeImage'            = 'ComputeModule.Models.ComputeImage'
        'Get-ComputeImageMetadata'    = 'ComputeModule.Models.ComputeImageMetadataEntry'
        'Set-ComputeImageMetadata'    = 'ComputeModule.Models.ComputeImageMetadataEntry'
        'Enable-ComputeImageSchedule' = 'ComputeModule.Models.ComputeImageSchedule'
        'Get-ComputeImageSchedule'    = 'ComputeModule.Models.ComputeImageSchedule'
    }

    function Get-TestParameterSetNames {
        param([string] $Name)
        @((Get-Command $Name).ParameterSets | ForEach-Object { $_.Name })
    }
}

AfterAll {
    Exit-ComputeModuleTest
}

Describe 'The module' {
    It 'exports exactly the cmdlets of DESIGN.md' {
        $names = @($cmdlets | ForEach-Object { $_.Name })
        foreach ($name in $expectedCmdlets) { $names | Should -Contain $name }
        $names | Should -HaveCount $expectedCmdlets.Count
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
    It 'every cmdlet declares [OutputType]' {
        foreach ($cmd in $cmdlets) {
            $attributes = @($cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $true))
            $attributes.Count | Should -BeGreaterOrEqual 1 -Because "$($cmd.Name) needs [OutputType]"
        }
    }

    It 'cmdlets that write objects declare the model type of DESIGN.md' {
        foreach ($name in $outputs.Keys) {
            @((Get-Command $name).OutputType | ForEach-Object { $_.Name }) | Should -Contain $outputs[$name] -Because "$name writes $($outputs[$name])"
        }
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

    It 'ids bind from the pipeline by property name, with their aliases' {
        $idParameters = @{
            'Get-ComputeServer'            = @('Id', 'ServerId')
            'Get-ComputeImage'             = @('Id', 'ImageId')
            'New-ComputeImage'             = @('ServerId', 'Id')
            'Remove-ComputeImage'          = @('ImageId', 'Id')
            'Get-ComputeImageMetadata'     = @('ImageId', 'Id')
            'Set-ComputeImageMetadata'     = @('ImageId', 'Id')
            'Remove-ComputeImageMetadata'  = @('ImageId', $null)
            'Enable-ComputeImageSchedule'  = @('ServerId', 'Id')
            'Get-ComputeImageSchedule'     = @('ServerId', 'Id')
            'Disable-ComputeImageSchedule' = @('ServerId', 'Id')
        }
        foreach ($name in $idParameters.Keys) {
            $parameterName = $idParameters[$name][0]
            $alias = $idParameters[$name][1]
            $parameter = (Get-Command $name).Parameters[$parameterName]
            $parameter | Should -Not -BeNullOrEmpty -Because "$name has -$parameterName"
            @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipelineByPropertyName }).Count |
                Should -BeGreaterOrEqual 1 -Because "$name -$parameterName binds by property name"
            if ($alias) { $parameter.Aliases | Should -Contain $alias -Because "$name -$parameterName has alias $alias" }
        }
        (Get-Command Remove-ComputeImageMetadata).Parameters['Key'].Attributes |
            Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipelineByPropertyName } |
            Should -Not -BeNullOrEmpty
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
    It 'every cmdlet has help with a synopsis, a description and an example' {
        $missing = [System.Collections.Generic.List[string]]::new()
        foreach ($cmd in $cmdlets) {
            $help = Get-Help -Name $cmd.Name -Full -ErrorAction SilentlyContinue
            $examples = @(Get-Help -Name $cmd.Name -Examples -ErrorAction SilentlyContinue | ForEach-Object { $_.examples } | ForEach-Object { $_.example })
            $synopsis = "$($help.Synopsis)".Trim()
            $generated = $synopsis -eq '' -or $synopsis.StartsWith($cmd.Name + ' ') -or $synopsis.StartsWith("`n")
            if ($generated) { $missing.Add("$($cmd.Name): no synopsis") }
            if (-not "$($help.description | ForEach-Object { $_.Text })".Trim()) { $missing.Add("$($cmd.Name): no description") }
            if ($examples.Count -lt 1) { $missing.Add("$($cmd.Name): no example") }
            foreach ($example in $examples) {
                if (-not "$($example.code)".Trim()) { $missing.Add("$($cmd.Name): an example without code") }
            }
        }
        $missing -join '; ' | Should -BeNullOrEmpty
    }

    It 'docs/cmdlets agrees with the code: sets, types, aliases, positions and pipeline input of every parameter' {
        # tools/HelpBuilder/Test-HelpSync.ps1 compares each page's SYNTAX and yaml blocks with the cmdlets' metadata.
        $check = [System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'tools', 'HelpBuilder', 'Test-HelpSync.ps1')
        $report = @(& $check 2>&1 | ForEach-Object { "$_" })
        $LASTEXITCODE | Should -Be 0 -Because ($report -join '; ')
    }

    It 'every parameter of a cmdlet is described' {
        $missing = [System.Collections.Generic.List[string]]::new()
        $common = @([System.Management.Automation.PSCmdlet]::CommonParameters) + @([System.Management.Automation.PSCmdlet]::OptionalCommonParameters)
        foreach ($cmd in $cmdlets) {
            $help = Get-Help -Name $cmd.Name -Full -ErrorAction SilentlyContinue
            $described = @{}
            foreach ($p in @($help.parameters.parameter)) {
                if ($null -ne $p -and "$($p.description | ForEach-Object { $_.Text })".Trim()) { $described[$p.name] = $true }
            }
            foreach ($name in $cmd.Parameters.Keys) {
                if ($common -contains $name) { continue }
                if (-not $described.ContainsKey($name)) { $missing.Add("$($cmd.Name) -$name") }
            }
        }
        $missing -join '; ' | Should -BeNullOrEmpty
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
    It 'ships a view for every public model' {
        $formatFile = [System.IO.Path]::Combine([System.IO.Path]::GetDirectoryName((Get-ComputeModuleUnderTestPath)), 'ComputeModule.Format.ps1xml')
        [System.IO.File]::Exists($formatFile) | Should -BeTrue
        $xml = [xml] [System.IO.File]::ReadAllText($formatFile)
        $typeNames = @($xml.SelectNodes('//ViewSelectedBy/TypeName') | ForEach-Object { $_.InnerText })
        foreach ($typeName in 'ComputeServer', 'ComputeImage', 'ComputeImageMetadataEntry', 'ComputeImageSchedule', 'ComputeConnection') {
            $typeNames | Should -Contain "ComputeModule.Models.$typeName"
        }
    }

    It 'shows servers as a table with Name and Status where the host can format' {
        if (-not (Get-Command -Name Format-Table -ErrorAction SilentlyContinue) -or -not (Get-Command -Name Out-String -ErrorAction SilentlyContinue)) {
            # The hosted test engine has no formatting cmdlets; the view itself is checked above.
            (Get-Command Get-ComputeServer).OutputType.Name | Should -Contain 'ComputeModule.Models.ComputeServer'
            return
        }
        $null = Connect-TestCloud
        $text = Get-ComputeServer -Limit 2 | Format-Table | Out-String
        $text | Should -Match 'Name'
        $text | Should -Match 'Status'
    }
}
