graph [
  directed 0
  name "a plan that draws every warning"
  node [
    id 0
    label "hub"
    host "hub.example.com"
    port 9932
  ]
  node [
    id 1
    label "spoke1"
    host "spoke1.example.com"
    port 9932
  ]
  node [
    id 2
    label "spoke2"
    host "spoke2.example.com"
    port 9932
  ]
  node [
    id 3
    label "spoke3"
    host "spoke3.example.com"
    port 9932
  ]
  edge [
    source 0
    target 1
  ]
  edge [
    source 0
    target 3
  ]
]
