"""jmsummit: answers about the 2017 China New-Type City Forum Jingmen Summit."""

__version__ = "0.1.0"
