from bilateral.cli import main

main()
